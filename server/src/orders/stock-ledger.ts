import type { Queryable } from '../db/database'

/**
 * Stock conservation, by SQL: for every SKU, what is on the shelf plus what live (not cancelled)
 * orders hold. Compare a snapshot taken before with one taken after (a test, the crash loop): equal
 * means no unit was lost or created.
 */
export async function stockLedger(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.query<{ id: string; total: number }>(
    `select s.id, (s.stock + coalesce((
       select sum(l.quantity) from order_lines l join orders o on o.id = l.order_id
       where l.sku_id = s.id and o.status <> 'cancelled'), 0))::int as total
     from skus s order by s.id`,
  )
  return Object.fromEntries(rows.map((row) => [row.id, row.total]))
}
