import type { Database } from '../db/database'

/**
 * Deletes the account and everything about it, irrecoverably, in one transaction (WX-DATA-1):
 * stock held by unpaid orders goes back on the shelf, then the user row goes and every table
 * with a user_id cascades with it (sessions included, so every token stops working at once).
 * Returns false when there was no such user.
 */
export async function deleteAccount(db: Database, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(
      `update skus s set stock = s.stock + held.quantity
       from (
         select l.sku_id, sum(l.quantity)::int as quantity
         from order_lines l join orders o on o.id = l.order_id
         where o.user_id = $1 and o.status = 'pending_payment'
         group by l.sku_id
       ) held
       where s.id = held.sku_id`,
      [userId],
    )
    const deleted = await tx.query('delete from users where id = $1 returning id', [userId])
    return deleted.length > 0
  })
}
