/**
 * Ending the service: delete every user's personal data (001 12.1.5).
 *
 *   npx tsx server/scripts/purge-all-user-data.ts                       # dry run: counts only
 *   npx tsx server/scripts/purge-all-user-data.ts --yes-delete-every-user
 *
 * Uses DATABASE_URL, or PGLITE_DIR (default server/.data/pglite), like the server. Stop the server
 * first. Prints JSON: the accounts found or deleted and the rows left per user table (all 0).
 */
import { countUsers, purgeAllUserData } from '../src/accounts/purge-all'
import { parseDatabase } from '../src/config'
import { openDatabase } from '../src/db/open'

export const CONFIRM_FLAG = '--yes-delete-every-user'

async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((arg) => arg !== CONFIRM_FLAG)
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (the only one is ${CONFIRM_FLAG})`)
  const db = await openDatabase(parseDatabase(process.env, process.cwd()))
  try {
    if (!argv.includes(CONFIRM_FLAG)) {
      process.stdout.write(`${JSON.stringify({ dryRun: true, users: await countUsers(db), toDelete: `re-run with ${CONFIRM_FLAG}` })}\n`)
      return
    }
    process.stdout.write(`${JSON.stringify(await purgeAllUserData(db))}\n`)
  } finally {
    await db.close()
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`purge failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
