import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from './database'
import { SERVER_ROOT } from '../server-root'

export const MIGRATIONS_DIR = path.join(SERVER_ROOT, 'migrations')

/** Numbered files only: 001_catalog.sql, 002_users.sql, ... */
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/

/** Serializes concurrent migrators (two server processes starting against one database). */
const MIGRATION_LOCK_KEY = 727_001

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => MIGRATION_FILE.test(name)).sort()
  const seen = new Set<string>()
  const migrations: Migration[] = []
  for (const name of names) {
    const number = name.slice(0, 3)
    if (seen.has(number)) throw new Error(`Two migrations share the number ${number}`)
    seen.add(number)
    // CRLF checkouts must not look like edited migrations.
    const sql = (await readFile(path.join(dir, name), 'utf8')).replace(/\r\n/g, '\n')
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') })
  }
  return migrations
}

/**
 * Applies pending migrations in order, each in its own transaction, and records them in
 * schema_migrations. Safe to run on every start: applied files are skipped, and an applied
 * file that was edited afterwards stops the start-up instead of silently diverging.
 * Returns the names applied by this call.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir)
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await tx.exec(`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`)
  })

  const applied: string[] = []
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const [existing] = await tx.query<{ checksum: string }>(
        'select checksum from schema_migrations where name = $1',
        [migration.name],
      )
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} changed after it was applied; add a new migration instead`)
        }
        return false
      }
      await tx.exec(migration.sql)
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [migration.name, migration.checksum])
      return true
    })
    if (didApply) applied.push(migration.name)
  }
  return applied
}
