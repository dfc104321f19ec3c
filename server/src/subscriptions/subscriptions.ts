import type { MyData, SubscribeDecision, SubscribeTemplate } from '../contract'
import type { Database, Queryable } from '../db/database'
import { iso } from '../time'

/**
 * Records the user's answer per template for an order (WX-SUB-3), replacing an earlier answer
 * for the same template unless a message was already sent for it.
 */
export async function recordDecisions(
  db: Database,
  userId: string,
  orderId: string,
  decisions: ReadonlyArray<[templateId: string, decision: SubscribeDecision]>,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [templateId, decision] of decisions) {
      await tx.query(
        `insert into subscriptions (user_id, order_id, template_id, decision, created_at, updated_at)
         values ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz)
         on conflict (order_id, template_id) do update
         set decision = excluded.decision, updated_at = excluded.updated_at
         where subscriptions.sent_at is null`,
        [userId, orderId, templateId, decision, now.toISOString()],
      )
    }
  })
}

/** The user's subscriptions for GET /api/me/data, titled from the configured templates. */
export async function listSubscriptions(
  db: Queryable,
  userId: string,
  templates: readonly SubscribeTemplate[],
): Promise<MyData['subscriptions']> {
  const titles = new Map(templates.map((template) => [template.id, template.title]))
  const rows = await db.query<{
    template_id: string
    order_id: string
    decision: SubscribeDecision
    result: string | null
    created_at: Date | string
  }>(
    'select template_id, order_id, decision, result, created_at from subscriptions where user_id = $1 order by created_at desc, id desc',
    [userId],
  )
  return rows.map((row) => ({
    templateId: row.template_id,
    // A template removed from the configuration since keeps its id as the title.
    title: titles.get(row.template_id) ?? row.template_id,
    orderId: row.order_id,
    decision: row.decision,
    sent: row.result === 'sent',
    createdAt: iso(row.created_at),
  }))
}

/** Deletes one subscription record of the user (WX-DATA-5); false when there was none. */
export async function deleteSubscription(db: Queryable, userId: string, orderId: string, templateId: string): Promise<boolean> {
  const deleted = await db.query('delete from subscriptions where user_id = $1 and order_id = $2 and template_id = $3 returning id', [userId, orderId, templateId])
  return deleted.length > 0
}
