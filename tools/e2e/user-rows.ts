/**
 * Counts what an embedded database still holds about one user: rows in `users` with that id and
 * rows with that user_id in every table that has the column. Run after the server has stopped
 * (PGlite allows one process per data folder). Prints JSON: { total, byTable }.
 *   tsx tools/e2e/user-rows.ts <pglite-data-dir> <user-id>
 */
import { PGlite } from '@electric-sql/pglite'

async function main(): Promise<void> {
  const [dataDir, userId] = process.argv.slice(2)
  if (!dataDir || !userId) throw new Error('usage: user-rows.ts <pglite-data-dir> <user-id>')
  const db = new PGlite(dataDir)
  try {
    const tables = await db.query<{ table_name: string }>(
      "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id' order by table_name",
    )
    const byTable: Record<string, number> = {}
    const users = await db.query<{ n: number }>('select count(*)::int as n from users where id = $1', [userId])
    byTable.users = users.rows[0]?.n ?? 0
    for (const { table_name: table } of tables.rows) {
      const result = await db.query<{ n: number }>(`select count(*)::int as n from "${table}" where user_id = $1`, [userId])
      byTable[table] = result.rows[0]?.n ?? 0
    }
    const total = Object.values(byTable).reduce((sum, n) => sum + n, 0)
    process.stdout.write(`${JSON.stringify({ total, byTable })}\n`)
  } finally {
    await db.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
