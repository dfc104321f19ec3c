import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import './outside-jest' // before src/db/pglite loads PGlite
import type { Database, DatabaseKind } from '../../src/db/database'
import { openPglite } from '../../src/db/pglite'
import { openPostgres } from '../../src/db/postgres'

/** postgres://user:pass@host:port/db of a real server; the PostgreSQL leg runs only when set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined

export interface TestDatabase {
  db: Database
  /** Closes the connection and removes anything the test created. */
  dispose(): Promise<void>
}

export interface DatabaseTarget {
  name: DatabaseKind
  open(): Promise<TestDatabase>
}

async function openMemoryPglite(): Promise<TestDatabase> {
  const db = await openPglite('memory://')
  return { db, dispose: () => db.close() }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Each test file gets its own schema on the shared server, selected through the connection
 * string's search_path, so runs are isolated from each other and leave nothing behind.
 */
async function openPostgresSchema(url: string): Promise<TestDatabase> {
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(url, `create schema ${schema}`)
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  const db = await openPostgres(scoped.toString())
  return {
    db,
    async dispose() {
      await db.close()
      await adminQuery(url, `drop schema ${schema} cascade`)
    },
  }
}

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', open: openMemoryPglite }]
  const url = TEST_DATABASE_URL
  if (url) targets.push({ name: 'postgres', open: () => openPostgresSchema(url) })
  return targets
}

/** Makes the missing PostgreSQL leg visible in the test report instead of silently absent. */
export function notePostgresLegSkipped(): void {
  if (!TEST_DATABASE_URL) {
    test.skip('PostgreSQL leg skipped: set TEST_DATABASE_URL (see server/scripts/ci-postgres.sh)', () => undefined)
  }
}
