import Taro from '@tarojs/taro'
import type { RequestPaymentParams } from '@contract/schemas'

/** What WeChat's cashier made of it. `paid` only means WeChat says so; the server still decides. */
export type CashierOutcome = { outcome: 'paid' } | { outcome: 'cancelled' } | { outcome: 'failed'; detail: string }

const errMsgOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error)

/**
 * The one call of Taro.requestPayment in the app (lint: wx-compliance/payment-api-boundary), with
 * the parameters the server signed for this order, unchanged.
 * @supported weapp
 */
export async function openCashier(params: RequestPaymentParams): Promise<CashierOutcome> {
  try {
    await Taro.requestPayment({ ...params })
    return { outcome: 'paid' }
  } catch (error) {
    const detail = errMsgOf(error)
    return /cancel/i.test(detail) ? { outcome: 'cancelled' } : { outcome: 'failed', detail }
  }
}
