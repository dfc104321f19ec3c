/**
 * The reset a reused test database gets between files (support/pglite-pool.ts): it must leave what
 * a freshly loaded seeded template holds, and it must notice a schema it cannot restore by copying.
 */
import type { PGlite } from '@electric-sql/pglite'
import './support/outside-jest' // before anything loads PGlite
import { pgliteDatabase } from '../src/db/pglite'
import { keepSeededCopy, resetForNextFile, restoreSeededCopy, schemaDigest, shelvePglite, takePglite } from './support/pglite-pool'
import { migrateAndSeed } from './support/pglite-templates'

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Dates (from PGlite's realm, outside Jest's) as one placeholder: seeding again stamps new times. */
const timesHidden = (row: object): object =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Object.prototype.toString.call(value) === '[object Date]' ? 'a time' : (value as unknown)]))

/** Everything a test could read back: each table's rows in stored order, sequence positions, schemas, settings. */
async function contents(pg: PGlite, { times = true } = {}): Promise<unknown> {
  const tables = (await pg.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by 1")).rows
  const rows: Record<string, unknown[]> = {}
  for (const { name } of tables) {
    const stored = (await pg.query<object>(`select * from public.${quote(name)}`)).rows
    rows[name] = times ? stored : stored.map(timesHidden)
  }
  const sequences = (await pg.query("select sequencename, last_value::text from pg_sequences where schemaname = 'public' order by 1")).rows
  const schemas = (await pg.query("select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1")).rows
  const settings = (await pg.query("select current_setting('search_path') as path, current_setting('statement_timeout') as timeout")).rows
  return { rows, sequences, schemas, settings }
}

/** What a test file might leave behind without touching the schema. */
async function useLikeATest(pg: PGlite): Promise<void> {
  await pg.exec(`
    insert into users (id, openid, created_at, updated_at) values ('u0123456789abcdef0123', 'openid-x', now(), now());
    insert into sessions (token_hash, user_id, created_at, last_used_at, expires_at, chain_id, login_at)
      values (repeat('a', 64), 'u0123456789abcdef0123', now(), now(), now() + interval '1 day', repeat('b', 32), now());
    update skus set stock = stock - 1 where id = 'p006-1';
    update products set is_listed = false where id = 'p034';
    delete from product_images where product_id = 'p001' and position = 2;
    create schema scratch;
    create table scratch.notes (note text);
    set statement_timeout = '5s';
  `)
  await pg.query("select nextval(pg_get_serial_sequence('subscriptions', 'id'))")
}

let pg: PGlite
let seeded: unknown
let seededWithoutTimes: unknown
beforeAll(async () => {
  // The worker's database (the next file resets it), emptied, then migrated and seeded as main.ts does.
  pg = await takePglite('empty')
  await migrateAndSeed(pgliteDatabase(pg))
  seeded = await contents(pg)
  seededWithoutTimes = await contents(pg, { times: false })
  await keepSeededCopy(pg)
})
afterAll(() => shelvePglite(pg))

test('the seeded copy lives outside public and changes nothing a test reads there', async () => {
  const { schemas, ...rest } = (await contents(pg)) as { schemas: unknown }
  const { schemas: seededSchemas, ...seededRest } = seeded as { schemas: unknown }
  expect(rest).toEqual(seededRest)
  expect(schemas).toEqual([...(seededSchemas as object[]), { nspname: 'test_seeded_copy' }])
})

test('after a file used the database, the next file gets exactly the seeded rows, sequences and schemas back', async () => {
  await useLikeATest(pg)
  expect(await contents(pg)).not.toEqual(seeded)
  await resetForNextFile(pg, 'seeded')
  const { schemas, ...rest } = (await contents(pg)) as { schemas: unknown }
  const { schemas: seededSchemas, ...seededRest } = seeded as { schemas: unknown }
  expect(rest).toEqual(seededRest)
  expect(schemas).toEqual([...(seededSchemas as object[]), { nspname: 'test_seeded_copy' }])
  expect((await pg.query("select nextval(pg_get_serial_sequence('subscriptions', 'id'))::int as id")).rows).toEqual([{ id: 1 }])
  await resetForNextFile(pg, 'seeded')
})

test('the schema digest moves on any DDL in public and stays on reads and writes of rows', async () => {
  const before = await schemaDigest(pg)
  await useLikeATest(pg)
  expect(await schemaDigest(pg)).toBe(before)
  const changes = [
    'create index skus_stock_idx on skus (stock)',
    "alter table users alter column nickname set default 'x'",
    'alter table skus add constraint stock_cap check (stock < 1000000)',
    'create or replace function bump_catalog_version() returns trigger language plpgsql as $$ begin return null; end $$',
    'alter table orders add column tip integer',
    'create table extra (id int)',
  ]
  for (const change of changes) {
    const digest = await schemaDigest(pg)
    await pg.exec(change)
    expect([change, await schemaDigest(pg)]).not.toEqual([change, digest])
  }
})

test('a changed schema is not restored by copying: the reset migrates and seeds it again', async () => {
  // The schema is the one the previous test changed (a column, a table, a function, ...).
  expect(await restoreSeededCopy(pg)).toBe(false)
  expect((await pg.query("select 1 from information_schema.columns where table_name = 'orders' and column_name = 'tip'")).rows).toHaveLength(1)
  await resetForNextFile(pg, 'seeded')
  // Migrated and seeded again: the same rows but for the times they were written at.
  const { schemas, ...rest } = (await contents(pg, { times: false })) as { schemas: unknown }
  const { schemas: seededSchemas, ...seededRest } = seededWithoutTimes as { schemas: unknown }
  expect(rest).toEqual(seededRest)
  expect(schemas).toEqual([...(seededSchemas as object[]), { nspname: 'test_seeded_copy' }])
  expect((await pg.query("select 1 from pg_tables where tablename = 'extra'")).rows).toHaveLength(0)
  expect(await restoreSeededCopy(pg)).toBe(true)
})

test('a reset to the empty template drops the seeded copy with everything else', async () => {
  await resetForNextFile(pg, 'empty')
  expect((await pg.query("select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'")).rows).toEqual([{ nspname: 'public' }])
  expect((await pg.query("select 1 from pg_tables where schemaname = 'public'")).rows).toHaveLength(0)
})
