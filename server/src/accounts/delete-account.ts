import type { Database } from '../db/database'
import { transactionWithRetry } from '../db/pg-errors'
import { cancelUnpaidOrdersOf } from '../orders/stock-release'
import { systemClock, type Clock } from '../time'

/**
 * Deletes the account and everything about it, irrecoverably, in one transaction (WX-DATA-1):
 * stock held by unpaid orders goes back on the shelf, then the user row goes and every table
 * with a user_id cascades with it (sessions included, so every token stops working at once).
 * Locks the user row first, like placing an order (see lockUser), so the two never deadlock.
 * Returns false when there was no such user.
 */
export async function deleteAccount(db: Database, userId: string, now: Clock = systemClock): Promise<boolean> {
  return transactionWithRetry(db, async (tx) => {
    const locked = await tx.query('select id from users where id = $1 for update', [userId])
    if (locked.length === 0) return false
    await cancelUnpaidOrdersOf(tx, userId, now())
    const deleted = await tx.query('delete from users where id = $1 returning id', [userId])
    return deleted.length > 0
  })
}
