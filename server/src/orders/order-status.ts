import type { OrderStatus, Fulfilment } from '../contract'
import type { Queryable } from '../db/database'
import { ApiError, notFound } from '../errors'

const orderNotFound = (orderId: string): ApiError => notFound(`Order ${orderId} not found`)

export interface StatusChange {
  /** false when nothing changed (e.g. paying an order twice). */
  changed: boolean
  status: OrderStatus
}

/** pending_payment → paid. Paying again is not an error; a cancelled order cannot be paid. */
export async function markPaid(db: Queryable, userId: string, orderId: string, now: Date): Promise<StatusChange> {
  const paid = await db.query(
    `update orders set status = 'paid', paid_at = $3::timestamptz, updated_at = $3::timestamptz
     where id = $1 and user_id = $2 and status = 'pending_payment' returning id`,
    [orderId, userId, now.toISOString()],
  )
  if (paid.length > 0) return { changed: true, status: 'paid' }
  const [row] = await db.query<{ status: OrderStatus }>('select status from orders where id = $1 and user_id = $2', [orderId, userId])
  if (!row) throw orderNotFound(orderId)
  if (row.status === 'cancelled') throw new ApiError(409, 'CONFLICT', 'This order was cancelled and cannot be paid')
  return { changed: false, status: row.status }
}

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
