/**
 * `npm run db:backup -- <file> [--force]` and `npm run db:restore -- <file> [--force]` for the
 * embedded database (PGLITE_DIR, default server/.data/pglite). With DATABASE_URL it prints the
 * PostgreSQL commands instead (pg_dump / pg_reoutlet; see server/README.md). The built form is
 * `node server/dist/server/src/db/backup-cli.js backup|restore <file> [--force]`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_PGLITE_DIR, parseDatabase } from '../config'
import { backupPglite, reoutletPglite } from './pglite-backup'

const USAGE = 'usage: backup-cli.ts backup|restore <file> [--force]'

function postgresAdvice(command: string): string {
  return command === 'backup'
    ? 'DATABASE_URL is set: back up PostgreSQL with pg_dump --format=custom --no-owner --file=<file> "$DATABASE_URL" (see server/README.md)'
    : 'DATABASE_URL is set: restore PostgreSQL with pg_reoutlet --no-owner --clean --if-exists --dbname="$DATABASE_URL" <file> (see server/README.md)'
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } })
  const [command, file] = positionals
  if ((command !== 'backup' && command !== 'restore') || !file || positionals.length !== 2) throw new Error(USAGE)
  const database = parseDatabase(process.env, process.cwd())
  if (database.kind === 'postgres') {
    process.stderr.write(`${postgresAdvice(command)}\n`)
    process.exit(2)
  }
  if (database.dataDir.includes('://')) throw new Error(`PGLITE_DIR=${database.dataDir} is not a directory on disk`)
  const target = path.resolve(file)
  const where = database.dataDir === DEFAULT_PGLITE_DIR ? `${database.dataDir} (default)` : database.dataDir
  if (command === 'backup') {
    const result = await backupPglite(database.dataDir, target, values.force)
    process.stdout.write(`backed up ${where} to ${target}: ${result.bytes} bytes; ${result.migrations} migrations, ${result.users} users, ${result.orders} orders\n`)
  } else {
    const result = await reoutletPglite(database.dataDir, target, values.force)
    process.stdout.write(
      `restored ${target} into ${where}: ${result.migrations} migrations, ${result.users} users, ${result.orders} orders` +
        `${result.replaced ? `; the database it replaced is kept at ${result.replaced}` : ''}\n`,
    )
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`db backup/restore failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
