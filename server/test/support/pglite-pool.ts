/**
 * In-memory PGlite databases for tests, reused within a Jest worker.
 *
 * Starting a PGlite from a template still costs seconds of CPU per database (most of a typical server
 * test file's time). A test file's dispose() therefore puts its instance on the worker's shelf (see
 * server-environment.ts) instead of closing it; the next file takes it, drops every schema, and
 * migrates and seeds again as main.ts would, which costs a fraction of a new start. Outside that
 * environment (a script) a database is simply closed.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { Database } from '../../src/db/database'
import { pgliteDatabase } from '../../src/db/pglite'
import type {} from './pglite-shelf' // declares the global idlePglites
import { loadPgliteTemplate, migrateAndSeed, type PgliteTemplate } from './pglite-templates'

/** Idle instances one worker keeps: a test file rarely holds more than two databases at once. */
const SHELF_SIZE = 3

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Back to the state of the empty template: no schema but an empty public one, no session state. */
async function resetToEmpty(pg: PGlite): Promise<void> {
  const schemas = await pg.query<{ name: string }>(
    "select nspname as name from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'",
  )
  for (const { name } of schemas.rows) await pg.exec(`drop schema ${quoteIdent(name)} cascade`)
  await pg.exec('create schema public; alter schema public owner to pg_database_owner; grant usage on schema public to public')
  // Settings, temporary tables, prepared statements, advisory locks and LISTENs of the last file.
  await pg.exec('discard all')
}

async function takeFromShelf(template: PgliteTemplate): Promise<PGlite | null> {
  const pg = globalThis.idlePglites?.pop()
  if (!pg) return null
  try {
    await resetToEmpty(pg)
    if (template === 'seeded') await migrateAndSeed(pgliteDatabase(pg))
    return pg
  } catch {
    // A database left in a state the reset cannot undo is not reused.
    await pg.close().catch(() => undefined)
    return null
  }
}

/** A database holding what the template holds; close() puts it back on the worker's shelf. */
export async function openPooledPglite(template: PgliteTemplate): Promise<Database> {
  const pg = (await takeFromShelf(template)) ?? (await loadPgliteTemplate(template))
  const db = pgliteDatabase(pg)
  const channels = new Set<string>()
  let closed = false
  return {
    ...db,
    async listen(channel, onNotify) {
      channels.add(channel)
      return pg.listen(channel, () => onNotify())
    },
    async close() {
      if (closed) return
      closed = true
      // Listeners the app did not remove would call into a closed app from the next file's notifications.
      for (const channel of channels) await pg.unlisten(channel)
      const shelf = globalThis.idlePglites
      if (shelf && shelf.length < SHELF_SIZE && !pg.closed) shelf.push(pg)
      else await pg.close()
    },
  }
}
