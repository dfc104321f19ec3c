import { countActiveSessions } from '../auth/sessions'
import type { MyData } from '../contract'
import type { Queryable } from '../db/database'
import { getProfile } from './users'

/** Everything the server holds about the user, as they may see it (WX-DATA-2). Null for no such user. */
export async function getMyData(db: Queryable, userId: string, now: Date): Promise<MyData | null> {
  const profile = await getProfile(db, userId)
  if (!profile) return null
  return {
    profile,
    phone: null,
    savedStore: null,
    subscriptions: [],
    orderCount: 0,
    activeSessions: await countActiveSessions(db, userId, now),
  }
}
