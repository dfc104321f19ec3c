import type { OrdersApi } from '@/services/api/orders'
import type { Order, PaymentStart } from '@contract/schemas'
import type { CashierOutcome, CashierStart } from './request-payment'

export type { CashierOutcome } from './request-payment'

/** What paying ended in. `confirming`: WeChat took the money, the server has not had WeChat Pay's notice yet. */
export type PaymentOutcome = { kind: 'paid'; order: Order } | { kind: 'confirming'; order: Order }

/** The user closed WeChat's cashier: nothing was paid and the order stays payable. */
export class PaymentCancelled extends Error {
  override readonly name = 'PaymentCancelled'
  constructor() {
    super('已取消支付，订单已保留，可稍后支付')
  }
}

/** WeChat's cashier failed (or there is none, on H5): nothing was paid and the order stays payable. */
export class PaymentFailed extends Error {
  override readonly name = 'PaymentFailed'
  constructor(readonly detail: string) {
    super('支付未完成，订单已保留，请稍后重试')
  }
}

export interface PaymentDeps {
  api: Pick<OrdersApi, 'startPayment' | 'pay' | 'get'>
  openCashier(start: CashierStart): Promise<CashierOutcome>
  /** Pause between reloads while the server waits for WeChat Pay's notification. */
  wait(ms: number): Promise<void>
}

/** Reloads after the cashier closed: WeChat Pay usually notifies the server within seconds. */
const CONFIRM_WAITS_MS = [0, 1000, 2000] as const

/**
 * The client side of payment (WX-PAY-1, WX-UI-4): the server says which provider pays (start);
 * the sandbox confirms on the server, WeChat Pay opens WeChat's cashier with the signed
 * parameters and the order counts as paid only when the server says so (its verified notification).
 * A cancelled or failed cashier rejects with PaymentCancelled / PaymentFailed, as a declined login
 * rejects with LoginDeclined: never a null to check.
 */
export function createPayments(deps: PaymentDeps) {
  return {
    start: (orderId: string): Promise<PaymentStart> => deps.api.startPayment(orderId),

    async pay(orderId: string, start: PaymentStart): Promise<PaymentOutcome> {
      if (start.provider === 'sandbox') return { kind: 'paid', order: await deps.api.pay(orderId) }
      const cashier = await deps.openCashier(start)
      if (cashier.outcome === 'cancelled') throw new PaymentCancelled()
      if (cashier.outcome === 'failed') throw new PaymentFailed(cashier.detail)
      let order: Order | null = null
      for (const ms of CONFIRM_WAITS_MS) {
        if (ms > 0) await deps.wait(ms)
        order = await deps.api.get(orderId)
        if (order.status !== 'pending_payment') return { kind: 'paid', order }
      }
      return { kind: 'confirming', order: order as Order }
    },
  }
}

export type Payments = ReturnType<typeof createPayments>
