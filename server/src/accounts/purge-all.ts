import type { Database } from '../db/database'

export interface PurgeResult {
  usersDeleted: number
  /** Rows left per table with a user_id column (all zero after a purge). */
  rowsLeft: Record<string, number>
}

/** Every table in the current schema with a user_id column: what the purge must leave empty. */
export async function userTables(db: Database): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `select table_name from information_schema.columns
     where table_schema = current_schema() and column_name = 'user_id' order by table_name`,
  )
  return rows.map((row) => row.table_name)
}

async function rowsLeft(db: Database): Promise<Record<string, number>> {
  const left: Record<string, number> = {}
  for (const table of ['users', ...(await userTables(db))]) {
    // Table names come from the catalog, not from input.
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from "${table}"`)
    left[table] = row?.n ?? -1
  }
  return left
}

/** How many accounts exist now (the dry run's answer). */
export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from users')
  return row?.n ?? 0
}

/**
 * Ending the service (001 12.1.5): deletes every account and, through ON DELETE CASCADE, every
 * row about any user — sessions, avatars, phones, preferences, orders, their lines and
 * subscriptions — in one transaction. The catalog and outlets stay. Irrecoverable by design.
 */
export async function purgeAllUserData(db: Database): Promise<PurgeResult> {
  const usersDeleted = await db.transaction(async (tx) => (await tx.query('delete from users returning id')).length)
  return { usersDeleted, rowsLeft: await rowsLeft(db) }
}
