import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import type { Database } from './database'
import { openPostgres } from './postgres'

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export interface SchemaDatabase {
  db: Database
  /** The connection string that selects the schema (search_path), for a second pool or process. */
  url: string
  /** Closes the pool and drops the schema with everything in it. */
  dispose(): Promise<void>
}

/**
 * A throwaway schema on a shared server (tests, benchmarks), selected through the connection
 * string's search_path, so runs are isolated from each other and leave nothing behind.
 */
export async function openPostgresInNewSchema(url: string, prefix: string): Promise<SchemaDatabase> {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(url, `create schema ${schema}`)
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema}`)
  const db = await openPostgres(scoped.toString())
  return {
    db,
    url: scoped.toString(),
    async dispose() {
      await db.close()
      await adminQuery(url, `drop schema ${schema} cascade`)
    },
  }
}
