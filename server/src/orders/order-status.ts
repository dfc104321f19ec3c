import type { OrderStatus, Fulfilment } from '../contract'
import type { Queryable } from '../db/database'
import { ApiError, notFound } from '../errors'

const orderNotFound = (orderId: string): ApiError => notFound(`Order ${orderId} not found`)

export interface StatusChange {
  /** false when nothing changed (e.g. paying an order twice). */
  changed: boolean
  status: OrderStatus
}

/**
 * pending_payment → paid, in ONE guarded statement: the order must still be unpaid AND inside its
 * payment window, so a payment racing the expiry sweeper (or account deletion) either wins before
 * the order is cancelled or finds it cancelled, never both. Paying again is not an error. The
 * sandbox pay route and a payment provider's notification both call this; userId null skips the
 * ownership check (a notification names the order only).
 */
export async function markPaid(db: Queryable, userId: string | null, orderId: string, now: Date): Promise<StatusChange> {
  const at = now.toISOString()
  const paid = await db.query(
    `update orders set status = 'paid', paid_at = $3::timestamptz, updated_at = $3::timestamptz
     where id = $1 and ($2::text is null or user_id = $2) and status = 'pending_payment' and pay_by > $3::timestamptz
     returning id`,
    [orderId, userId, at],
  )
  if (paid.length > 0) return { changed: true, status: 'paid' }
  const [row] = await db.query<{ status: OrderStatus; overdue: boolean }>(
    `select status, pay_by <= $3::timestamptz as overdue from orders where id = $1 and ($2::text is null or user_id = $2)`,
    [orderId, userId, at],
  )
  if (!row) throw orderNotFound(orderId)
  if (row.status === 'cancelled' || (row.status === 'pending_payment' && row.overdue)) throw orderExpired()
  return { changed: false, status: row.status }
}

export const orderExpired = (): ApiError => new ApiError(409, 'ORDER_EXPIRED', '订单已超时取消，库存已释放，请重新下单')

/** The next status in the shop's own flow after payment. */
export function nextStatus(status: OrderStatus, fulfilment: Fulfilment): OrderStatus | null {
  switch (status) {
    case 'paid':
      return fulfilment === 'delivery' ? 'shipped' : 'ready_for_pickup'
    case 'shipped':
    case 'ready_for_pickup':
      return 'completed'
    default:
      return null
  }
}

/** paid → shipped / ready_for_pickup → completed; guarded so two concurrent calls move it once. */
export async function advanceStatus(db: Queryable, userId: string, orderId: string, now: Date): Promise<StatusChange> {
  const [row] = await db.query<{ status: OrderStatus; fulfilment: Fulfilment }>(
    'select status, fulfilment from orders where id = $1 and user_id = $2',
    [orderId, userId],
  )
  if (!row) throw orderNotFound(orderId)
  const next = nextStatus(row.status, row.fulfilment)
  if (next === null) throw new ApiError(409, 'CONFLICT', `An order in status ${row.status} cannot advance`)
  const moved = await db.query(
    'update orders set status = $3, updated_at = $4::timestamptz where id = $1 and status = $2 returning id',
    [orderId, row.status, next, now.toISOString()],
  )
  if (moved.length === 0) throw new ApiError(409, 'CONFLICT', 'The order changed meanwhile; reload it')
  return { changed: true, status: next }
}
