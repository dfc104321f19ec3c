import './outside-jest' // before src/db/pglite loads PGlite
import type { Database, DatabaseKind } from '../../src/db/database'
import { openPostgres } from '../../src/db/postgres'
import { openPostgresInNewSchema } from '../../src/db/postgres-schema'
import { openPooledPglite } from './pglite-pool'
import { migrateAndSeed } from './pglite-templates'

/** postgres://user:pass@host:port/db of a real server; the PostgreSQL leg runs only when set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined

export interface TestDatabase {
  db: Database
  /** Closes the connection and removes anything the test created. */
  dispose(): Promise<void>
  /**
   * PostgreSQL only: another connection pool to the same data, as a second server process would
   * open. The caller closes it (before dispose).
   */
  connectAgain?: () => Promise<Database>
}

export interface DatabaseTarget {
  name: DatabaseKind
  /** An empty database. */
  open(): Promise<TestDatabase>
  /** A database migrated and seeded (catalog and outlets), as main.ts leaves it on first start. */
  openSeeded(): Promise<TestDatabase>
}

async function openMemoryPglite(template: 'empty' | 'seeded'): Promise<TestDatabase> {
  const db = await openPooledPglite(template)
  return { db, dispose: () => db.close() }
}

async function openPostgresSchema(url: string): Promise<TestDatabase> {
  const { db, url: scoped, dispose } = await openPostgresInNewSchema(url, 'test')
  return { db, dispose, connectAgain: () => openPostgres(scoped) }
}

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [
    { name: 'pglite', open: () => openMemoryPglite('empty'), openSeeded: () => openMemoryPglite('seeded') },
  ]
  const url = TEST_DATABASE_URL
  if (url) {
    targets.push({
      name: 'postgres',
      open: () => openPostgresSchema(url),
      async openSeeded() {
        const handle = await openPostgresSchema(url)
        try {
          await migrateAndSeed(handle.db)
        } catch (error) {
          await handle.dispose()
          throw error
        }
        return handle
      },
    })
  }
  return targets
}

/** Makes the missing PostgreSQL leg visible in the test report instead of silently absent. */
export function notePostgresLegSkipped(): void {
  if (!TEST_DATABASE_URL) {
    test.skip('PostgreSQL leg skipped: set TEST_DATABASE_URL (see server/scripts/ci-postgres.sh)', () => undefined)
  }
}
