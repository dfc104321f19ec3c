import type { Queryable } from '../../src/db/database'

/** Every table in the current schema with a user_id column, from information_schema. */
export async function tablesWithUserId(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `select table_name from information_schema.columns
     where table_schema = current_schema() and column_name = 'user_id'
     order by table_name`,
  )
  return rows.map((row) => row.table_name)
}

/** Rows about a user per table (users by id, every other table by user_id). */
export async function rowsAboutUser(db: Queryable, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const [users] = await db.query<{ n: number }>('select count(*)::int as n from users where id = $1', [userId])
  counts.users = users?.n ?? -1
  for (const table of await tablesWithUserId(db)) {
    // Table names come from the catalog, not from input.
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from "${table}" where user_id = $1`, [userId])
    counts[table] = row?.n ?? -1
  }
  return counts
}
