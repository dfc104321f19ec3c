import type { Queryable } from '../db/database'
import { ApiError } from '../errors'

/**
 * The first lock of every transaction that changes a user's orders or deletes the user: the user
 * row, FOR UPDATE. Placing an order and deleting the account therefore run one after the other
 * for the same user and always lock in one order (user → orders → SKUs), which is what keeps them
 * from deadlocking on PostgreSQL. A user deleted meanwhile is a 401: the session went with it.
 */
export async function lockUser(tx: Queryable, userId: string): Promise<void> {
  const rows = await tx.query('select id from users where id = $1 for update', [userId])
  if (rows.length === 0) throw new ApiError(401, 'UNAUTHORIZED', 'Account no longer exists; log in again')
}

