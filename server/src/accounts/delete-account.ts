import type { Database } from '../db/database'

/**
 * Deletes the account and everything about it, irrecoverably, in one transaction (WX-DATA-1):
 * the user row goes, and every table with a user_id cascades with it (sessions included, so
 * every token stops working at once). Returns false when there was no such user.
 */
export async function deleteAccount(db: Database, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.query('delete from users where id = $1 returning id', [userId])
    return deleted.length > 0
  })
}
