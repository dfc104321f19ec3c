import type { OrderStatus } from '../contract'
import type { Queryable } from '../db/database'
import type { StatusChange } from '../orders/order-status'
import type { PaymentNotice } from './wechatpay-gateway'

export type Settlement =
  | { outcome: 'paid'; change: StatusChange }
  /** Already paid (a notification sent again): acknowledged, nothing changes. */
  | { outcome: 'duplicate'; change: StatusChange }
  /** Not a success (e.g. NOTPAY, CLOSED): acknowledged, the order stays as it is. */
  | { outcome: 'not-success' }
  /** Does not match our order: refused, the order stays unpaid (WeChat Pay retries; an operator looks). */
  | { outcome: 'mismatch'; reason: string }

/**
 * Applies a verified notification: the order must exist, belong to the payer and cost exactly
 * what was paid; the status moves pending_payment → paid once, however often WeChat Pay repeats it.
 */
export async function settlePayment(db: Queryable, notice: PaymentNotice, now: Date): Promise<Settlement> {
  if (notice.tradeState !== 'SUCCESS') return { outcome: 'not-success' }
  const [order] = await db.query<{ status: OrderStatus; total_fen: number; openid: string }>(
    'select o.status, o.total_fen, u.openid from orders o join users u on u.id = o.user_id where o.id = $1',
    [notice.outTradeNo],
  )
  if (!order) return { outcome: 'mismatch', reason: 'unknown order' }
  if (order.openid !== notice.payerOpenid) return { outcome: 'mismatch', reason: 'payer is not the order owner' }
  if (order.total_fen !== notice.totalFen) return { outcome: 'mismatch', reason: `amount ${notice.totalFen} ≠ order total ${order.total_fen}` }
  const paid = await db.query(
    `update orders set status = 'paid', paid_at = $2::timestamptz, updated_at = $2::timestamptz
     where id = $1 and status = 'pending_payment' returning id`,
    [notice.outTradeNo, now.toISOString()],
  )
  if (paid.length > 0) return { outcome: 'paid', change: { changed: true, status: 'paid' } }
  if (order.status === 'cancelled') return { outcome: 'mismatch', reason: 'paid after the order was cancelled: refund it' }
  return { outcome: 'duplicate', change: { changed: false, status: order.status } }
}
