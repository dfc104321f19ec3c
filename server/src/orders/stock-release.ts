import type { Queryable } from '../db/database'

/**
 * The one order in which stock rows are locked, everywhere (taking stock for an order, releasing
 * it on expiry, cancellation or account deletion): by SKU id, compared as code units. Two
 * transactions that lock the same SKUs in the same order can wait for each other but never deadlock.
 */
export const bySkuId = <T extends { skuId: string }>(a: T, b: T): number => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0)

/** Puts the quantities of these orders' lines back on the shelf, SKU by SKU in lock order. */
export async function releaseStock(tx: Queryable, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return
  const held = await tx.query<{ sku_id: string; quantity: number }>(
    'select sku_id, sum(quantity)::int as quantity from order_lines where order_id = any($1::text[]) group by sku_id',
    [orderIds],
  )
  const lines = held.map((row) => ({ skuId: row.sku_id, quantity: row.quantity })).sort(bySkuId)
  for (const line of lines) {
    await tx.query('update skus set stock = stock + $2 where id = $1', [line.skuId, line.quantity])
  }
}

/**
 * Cancels the given user's (or anyone's, with userId null) unpaid orders whose deadline has passed
 * and releases their stock, in the caller's transaction. Exactly once under any concurrency: the
 * guarded UPDATE moves each order out of pending_payment, and only the transaction whose UPDATE
 * matched it releases its stock; rows another process is working on are skipped (SKIP LOCKED),
 * not waited for. Returns the ids cancelled.
 */
export async function cancelOverdueOrders(tx: Queryable, now: Date, options: { userId: string | null; limit: number }): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update orders set status = 'cancelled', updated_at = $1::timestamptz
     where id in (
       select id from orders
       where status = 'pending_payment' and pay_by <= $1::timestamptz and ($2::text is null or user_id = $2)
       order by pay_by
       limit $3
       for update skip locked
     ) and status = 'pending_payment'
     returning id`,
    [now.toISOString(), options.userId, options.limit],
  )
  const ids = rows.map((row) => row.id)
  await releaseStock(tx, ids)
  return ids
}

/** Cancels every unpaid order of the user (account deletion) and releases their stock, exactly once. */
export async function cancelUnpaidOrdersOf(tx: Queryable, userId: string, now: Date): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update orders set status = 'cancelled', updated_at = $2::timestamptz
     where user_id = $1 and status = 'pending_payment' returning id`,
    [userId, now.toISOString()],
  )
  const ids = rows.map((row) => row.id)
  await releaseStock(tx, ids)
  return ids
}
