import type { OrdersApi } from '@/services/api/orders'
import type { Order, PaymentStart } from '@/services/api/types'
import type { CashierOutcome } from './request-payment'

export type { CashierOutcome } from './request-payment'

/** What paying ended in. `confirming`: WeChat took the money, the server has not had WeChat Pay's notice yet. */
export type PaymentOutcome =
  | { kind: 'paid'; order: Order }
  | { kind: 'confirming'; order: Order }
  | { kind: 'cancelled' }
  | { kind: 'failed' }

export interface PaymentDeps {
  api: Pick<OrdersApi, 'startPayment' | 'pay' | 'get'>
  openCashier(params: Extract<PaymentStart, { provider: 'wechatpay' }>['request']): Promise<CashierOutcome>
  /** Pause between reloads while the server waits for WeChat Pay's notification. */
  wait(ms: number): Promise<void>
}

/** Reloads after the cashier closed: WeChat Pay usually notifies the server within seconds. */
const CONFIRM_WAITS_MS = [0, 1000, 2000] as const

/**
 * The client side of payment (WX-PAY-1, WX-UI-4): the server says which provider pays (start);
 * the sandbox confirms on the server, WeChat Pay opens WeChat's cashier with the signed
 * parameters and the order counts as paid only when the server says so (its verified notification).
 */
export function createPayments(deps: PaymentDeps) {
  return {
    start: (orderId: string): Promise<PaymentStart> => deps.api.startPayment(orderId),

    async pay(orderId: string, start: PaymentStart): Promise<PaymentOutcome> {
      if (start.provider === 'sandbox') return { kind: 'paid', order: await deps.api.pay(orderId) }
      const cashier = await deps.openCashier(start.request)
      if (cashier.outcome === 'cancelled') return { kind: 'cancelled' }
      if (cashier.outcome === 'failed') return { kind: 'failed' }
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
