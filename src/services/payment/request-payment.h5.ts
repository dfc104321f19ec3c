import type { CashierOutcome, CashierStart } from './request-payment'

export type { CashierOutcome } from './request-payment'

/**
 * A browser has no WeChat cashier: WeChat Pay (JSAPI) orders are paid in the mini program. The H5
 * build pays only with the server's sandbox.
 * @supported h5
 */
export async function openCashier(_start: CashierStart): Promise<CashierOutcome> {
  return { outcome: 'failed', detail: 'WeChat Pay JSAPI runs only inside the WeChat mini program' }
}
