import { countActiveSessions } from '../auth/sessions'
import type { MyData, SubscribeTemplate } from '../contract'
import type { Queryable } from '../db/database'
import { getPhoneRecord } from '../phones/phones'
import { listSubscriptions } from '../subscriptions/subscriptions'
import { iso } from '../time'
import { getProfile } from './users'

async function savedOutlet(db: Queryable, userId: string): Promise<MyData['savedOutlet']> {
  const [row] = await db.query<{ outlet_id: string; name: string; outlet_saved_at: Date | string }>(
    `select p.outlet_id, s.name, p.outlet_saved_at
     from user_preferences p join outlets s on s.id = p.outlet_id
     where p.user_id = $1 and p.outlet_saved_at is not null`,
    [userId],
  )
  return row ? { outletId: row.outlet_id, name: row.name, savedAt: iso(row.outlet_saved_at) } : null
}

/** Everything the server holds about the user, as they may see it (WX-DATA-2). Null for no such user. */
export async function getMyData(
  db: Queryable,
  userId: string,
  now: Date,
  templates: readonly SubscribeTemplate[],
): Promise<MyData | null> {
  const profile = await getProfile(db, userId)
  if (!profile) return null
  const [phone, outlet, subscriptions, orders, activeSessions] = await Promise.all([
    getPhoneRecord(db, userId),
    savedOutlet(db, userId),
    listSubscriptions(db, userId, templates),
    db.query<{ n: number }>('select count(*)::int as n from orders where user_id = $1', [userId]),
    countActiveSessions(db, userId, now),
  ])
  return { profile, phone, savedOutlet: outlet, subscriptions, orderCount: orders[0]?.n ?? 0, activeSessions }
}
