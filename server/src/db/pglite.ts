import { mkdir } from 'node:fs/promises'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { Database, Queryable } from './database'
import { lockDataDir } from './data-dir-lock'

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params])
      return result.rows
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql)
    },
  }
}

/** Embedded PostgreSQL (WASM): a directory on disk, or "memory://" for tests. */
export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir.includes('://')) return pgliteDatabase(await PGlite.create(dataDir))
  await mkdir(dataDir, { recursive: true })
  const unlock = lockDataDir(dataDir)
  let pg: PGlite
  try {
    pg = await PGlite.create(dataDir)
  } catch (error) {
    unlock()
    throw error
  }
  const db = pgliteDatabase(pg)
  return {
    ...db,
    async close() {
      await db.close()
      unlock()
    },
  }
}

/** The app's Database surface over an open PGlite (tests load theirs from a dumped template). */
export function pgliteDatabase(pg: PGlite): Database {
  const root = wrap(pg)
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: (channel, onNotify) => pg.listen(channel, () => onNotify()),
    close: () => pg.close(),
  }
}
