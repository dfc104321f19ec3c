import { Pool, type PoolClient } from 'pg'
import type { Database, Queryable } from './database'

function wrap(target: Pool | PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params])
      return result.rows
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await target.query(sql)
    },
  }
}

export interface PostgresOptions {
  /** Called when an idle pooled connection fails (e.g. the server restarts); pg would crash otherwise. */
  onIdleError?: (error: Error) => void
  max?: number
}

/** A real PostgreSQL server reached through a pg connection pool. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 })
  pool.on('error', options.onIdleError ?? (() => undefined))
  const root = wrap(pool)
  try {
    await root.query('select 1') // Fail at startup, not on the first request.
  } catch (error) {
    await pool.end()
    throw error
  }
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('begin')
        const result = await fn(wrap(client))
        await client.query('commit')
        return result
      } catch (error) {
        // If even the rollback fails the connection is unusable: drop it instead of pooling it.
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError
        })
        throw error
      } finally {
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
