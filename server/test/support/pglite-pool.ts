/**
 * In-memory PGlite databases for tests, reused within a Jest worker.
 *
 * Starting a PGlite from a template still costs seconds of CPU per database (most of a typical server
 * test file's time). A test file's dispose() therefore puts its instance on the worker's shelf (see
 * server-environment.ts) instead of closing it, and the next file takes it. For a seeded database
 * the instance keeps a copy of its seeded rows, and the next file gets them back by copying
 * (restoreSeededCopy), which costs a fraction of migrating and seeding again; a file that changed the
 * schema gets every schema dropped and a fresh migration and seed, as main.ts would do. Outside that
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

/**
 * Where a seeded database keeps a copy of its tables as seeded, so the next file gets them back by
 * copying rows instead of migrating and seeding again. Queries of the app and the tests stay in
 * `public` (search_path), and tests that list tables do so in current_schema().
 */
const SEEDED_COPY = 'test_seeded_copy'

/**
 * A digest of every catalog row that defines `public`: its tables, columns, defaults, constraints,
 * indexes, triggers, functions, types, views and sequences. Any DDL writes such a row, and a written
 * row has a new xmin, so a file that changed the schema in any way changes the digest.
 */
const SCHEMA_DIGEST = `select md5(coalesce(string_agg(entry, ',' order by entry), '')) as digest from (
  select 'n' || n.oid || ':' || n.xmin as entry from pg_namespace n where n.nspname = 'public'
  union all select 'c' || c.oid || ':' || c.xmin from pg_class c where c.relnamespace = 'public'::regnamespace
  union all select 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relnamespace = 'public'::regnamespace
  union all select 'd' || d.oid || ':' || d.xmin from pg_attrdef d join pg_class c on c.oid = d.adrelid where c.relnamespace = 'public'::regnamespace
  union all select 'k' || k.oid || ':' || k.xmin from pg_constraint k where k.connamespace = 'public'::regnamespace
  union all select 'i' || i.indexrelid || ':' || i.xmin from pg_index i join pg_class c on c.oid = i.indrelid where c.relnamespace = 'public'::regnamespace
  union all select 't' || t.oid || ':' || t.xmin from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace
  union all select 'r' || r.oid || ':' || r.xmin from pg_rewrite r join pg_class c on c.oid = r.ev_class where c.relnamespace = 'public'::regnamespace
  union all select 'p' || p.oid || ':' || p.xmin from pg_proc p where p.pronamespace = 'public'::regnamespace
  union all select 'y' || y.oid || ':' || y.xmin from pg_type y where y.typnamespace = 'public'::regnamespace
  union all select 'e' || e.oid || ':' || e.xmin from pg_enum e join pg_type y on y.oid = e.enumtypid where y.typnamespace = 'public'::regnamespace
  union all select 's' || s.seqrelid || ':' || s.xmin from pg_sequence s join pg_class c on c.oid = s.seqrelid where c.relnamespace = 'public'::regnamespace
) entries`

export const schemaDigest = async (pg: PGlite): Promise<string> => (await pg.query<{ digest: string }>(SCHEMA_DIGEST)).rows[0]?.digest ?? ''

/** Schemas a test may have made (PostgreSQL's own and the seeded copy stay). */
async function dropOtherSchemas(pg: PGlite, keep: readonly string[]): Promise<void> {
  const schemas = await pg.query<{ name: string }>(
    "select nspname as name from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'",
  )
  for (const { name } of schemas.rows) if (!keep.includes(name)) await pg.exec(`drop schema ${quoteIdent(name)} cascade`)
}

/** Back to the state of the empty template: no schema but an empty public one. */
async function resetToEmpty(pg: PGlite): Promise<void> {
  await dropOtherSchemas(pg, [])
  await pg.exec('create schema public; alter schema public owner to pg_database_owner; grant usage on schema public to public')
}

/**
 * Copies the seeded tables and sequence positions into SEEDED_COPY, with the schema's digest. The
 * digest is taken last: a file's reset compares it with the schema it finds.
 */
export async function keepSeededCopy(pg: PGlite): Promise<void> {
  const tables = await pg.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename")
  await pg.exec(`create schema ${SEEDED_COPY}`)
  for (const { name } of tables.rows) {
    await pg.exec(`create table ${SEEDED_COPY}.${quoteIdent(name)} as select * from public.${quoteIdent(name)}`)
  }
  await pg.exec(`create table ${SEEDED_COPY}.sequences as
    select sequencename as name, last_value from pg_sequences where schemaname = 'public'`)
  await pg.exec(`create table ${SEEDED_COPY}.digest (digest text not null)`)
  await pg.query(`insert into ${SEEDED_COPY}.digest values ($1)`, [await schemaDigest(pg)])
}

/**
 * Puts the seeded rows back when the schema is the one the copy was taken from: every table
 * emptied and refilled in its seeded order, every sequence where seeding left it, triggers off
 * (their effects are in the copy: the catalog version, for one). Returns false, changing nothing,
 * when there is no copy or the schema changed.
 */
export async function restoreSeededCopy(pg: PGlite): Promise<boolean> {
  const hasCopy = await pg.query(`select 1 from pg_namespace where nspname = '${SEEDED_COPY}'`)
  if (hasCopy.rows.length === 0) return false
  const [kept] = (await pg.query<{ digest: string }>(`select digest from ${SEEDED_COPY}.digest`)).rows
  if (kept?.digest !== (await schemaDigest(pg))) return false
  await dropOtherSchemas(pg, ['public', SEEDED_COPY])
  const tables = (await pg.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename")).rows
  const sequences = (await pg.query<{ name: string; last_value: string | null }>(`select name, last_value::text from ${SEEDED_COPY}.sequences`)).rows
  await pg.transaction(async (tx) => {
    await tx.exec('set local session_replication_role = replica')
    if (tables.length > 0) await tx.exec(`truncate ${tables.map(({ name }) => `public.${quoteIdent(name)}`).join(', ')}`)
    for (const { name } of tables) {
      await tx.exec(`insert into public.${quoteIdent(name)} overriding system value select * from ${SEEDED_COPY}.${quoteIdent(name)}`)
    }
    for (const { name, last_value: lastValue } of sequences) {
      const sequence = `public.${quoteIdent(name)}`
      if (lastValue === null) await tx.exec(`alter sequence ${sequence} restart`)
      else await tx.query('select setval($1::regclass, $2::bigint, true)', [sequence, lastValue])
    }
  })
  // TRUNCATE gave the tables new files (new pg_class rows): the digest to compare next time is this one.
  await pg.query(`update ${SEEDED_COPY}.digest set digest = $1`, [await schemaDigest(pg)])
  return true
}

/** Makes a database another file used hold what the template holds (throws when it cannot). */
export async function resetForNextFile(pg: PGlite, template: PgliteTemplate): Promise<void> {
  // Settings, temporary tables, prepared statements, advisory locks and LISTENs of the last file.
  await pg.exec('discard all')
  if (template === 'empty') await resetToEmpty(pg)
  else if (!(await restoreSeededCopy(pg))) {
    await resetToEmpty(pg)
    await migrateAndSeed(pgliteDatabase(pg))
    await keepSeededCopy(pg)
  }
}

async function takeFromShelf(template: PgliteTemplate): Promise<PGlite | null> {
  const pg = globalThis.idlePglites?.pop()
  if (!pg) return null
  try {
    await resetForNextFile(pg, template)
    return pg
  } catch {
    // A database left in a state the reset cannot undo is not reused.
    await pg.close().catch(() => undefined)
    return null
  }
}

async function loadNew(template: PgliteTemplate): Promise<PGlite> {
  const pg = await loadPgliteTemplate(template)
  if (template === 'seeded') await keepSeededCopy(pg)
  return pg
}

/** A PGlite holding what the template holds: from the worker's shelf, reset, or loaded. */
export async function takePglite(template: PgliteTemplate): Promise<PGlite> {
  return (await takeFromShelf(template)) ?? (await loadNew(template))
}

/** Puts a PGlite back on the worker's shelf for the next file (or closes it when there is no room). */
export async function shelvePglite(pg: PGlite): Promise<void> {
  const shelf = globalThis.idlePglites
  if (shelf && shelf.length < SHELF_SIZE && !pg.closed) shelf.push(pg)
  else await pg.close()
}

/** A database holding what the template holds; close() puts it back on the worker's shelf. */
export async function openPooledPglite(template: PgliteTemplate): Promise<Database> {
  const pg = await takePglite(template)
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
      await shelvePglite(pg)
    },
  }
}
