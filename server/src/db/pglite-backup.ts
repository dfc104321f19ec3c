/**
 * Backup and restore of the embedded database: a PGlite data directory to one archive file
 * (PGlite's own dumpDataDir, a gzip'd tar of the directory) and back. Neither runs next to a
 * server on the same directory (<dir>.lock, see data-dir-lock.ts); a restore never writes over a
 * database unless told to, and then keeps the old one beside it.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import type { Database } from './database'
import { dataDirOwner, DataDirInUseError, lockDataDir } from './data-dir-lock'
import { pgliteDatabase } from './pglite'
import { archiveBlob } from './pglite-archive'

export interface DatabaseSummary {
  migrations: number
  users: number
  orders: number
}

async function summarise(db: Database): Promise<DatabaseSummary> {
  const count = async (table: string): Promise<number> => {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)
    return row?.n ?? 0
  }
  return { migrations: await count('schema_migrations'), users: await count('users'), orders: await count('orders') }
}

const isEmptyDir = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0

/** Opens dataDir exclusively for fn; the lock keeps a server from starting on it meanwhile. */
async function withPglite<T>(dataDir: string, loadDataDir: Blob | undefined, fn: (pg: PGlite) => Promise<T>): Promise<T> {
  const unlock = lockDataDir(dataDir)
  try {
    const pg = await PGlite.create({ dataDir, ...(loadDataDir ? { loadDataDir } : {}) })
    try {
      return await fn(pg)
    } finally {
      await pg.close()
    }
  } finally {
    unlock()
  }
}

/** Writes dataDir to `file` (gzip'd tar); refuses a missing database, a running server, or an existing file without force. */
export async function backupPglite(dataDir: string, file: string, force = false): Promise<DatabaseSummary & { bytes: number }> {
  if (isEmptyDir(dataDir)) throw new Error(`No database at ${dataDir} (set PGLITE_DIR)`)
  if (existsSync(file) && !force) throw new Error(`${file} exists; pass --force to overwrite it`)
  return withPglite(dataDir, undefined, async (pg) => {
    const summary = await summarise(pgliteDatabase(pg))
    const archive = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer())
    // Write then rename: a crash never leaves half an archive under the backup's name.
    const partial = `${file}.${process.pid}.partial`
    await writeFile(partial, archive)
    renameSync(partial, file)
    return { ...summary, bytes: archive.byteLength }
  })
}

/**
 * Loads `file` into dataDir. The archive is loaded and checked in a sibling directory first; an
 * existing database is replaced only with force, and is then kept as `<dir>.replaced-<time>`.
 */
export async function reoutletPglite(dataDir: string, file: string, force = false, now: Date = new Date()): Promise<DatabaseSummary & { replaced: string | null }> {
  const owner = dataDirOwner(dataDir)
  if (owner !== null) throw new DataDirInUseError(dataDir, owner)
  if (!isEmptyDir(dataDir) && !force) throw new Error(`${dataDir} already holds a database; pass --force to replace it (it is kept beside it)`)
  const archive = archiveBlob(await readFile(file))
  const unlockTarget = lockDataDir(dataDir)
  const staging = `${dataDir}.restoring-${process.pid}`
  try {
    rmSync(staging, { recursive: true, force: true })
    const summary = await withPglite(staging, archive, (pg) => summarise(pgliteDatabase(pg)))
    let replaced: string | null = null
    if (existsSync(dataDir)) {
      replaced = isEmptyDir(dataDir) ? null : `${dataDir}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`
      if (replaced) renameSync(dataDir, replaced)
      else rmSync(dataDir, { recursive: true })
    }
    renameSync(staging, dataDir)
    return { ...summary, replaced }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    throw error
  } finally {
    unlockTarget()
  }
}
