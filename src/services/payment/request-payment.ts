import Taro from '@tarojs/taro'
import type { PaymentStart } from '@contract/schemas'

/** A provider that pays on the device (every one but the server-side sandbox): its cashier opens here. */
export type CashierStart = Exclude<PaymentStart, { provider: 'sandbox' }>

/** What WeChat's cashier made of it. `paid` only means WeChat says so; the server still decides. */
export type CashierOutcome = { outcome: 'paid' } | { outcome: 'cancelled' } | { outcome: 'failed'; detail: string }

const errMsgOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error)

/**
 * The one call of Taro.requestPayment in the app (lint: wx-compliance/payment-api-boundary), with
 * the parameters the server signed for this order, unchanged.
 * @supported weapp
 */
export async function openCashier(start: CashierStart): Promise<CashierOutcome> {
  try {
    await Taro.requestPayment({ ...start.request })
    return { outcome: 'paid' }
  } catch (error) {
    const detail = errMsgOf(error)
    return /cancel/i.test(detail) ? { outcome: 'cancelled' } : { outcome: 'failed', detail }
  }
}
