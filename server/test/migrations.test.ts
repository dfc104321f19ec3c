import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate'
import { seedCatalog } from '../src/seed/seed-catalog'
import { SEED_CATEGORIES, SEED_PRODUCTS } from '../src/seed/catalog-data'
import { databaseTargets, notePostgresLegSkipped, type TestDatabase } from './support/test-databases'

notePostgresLegSkipped()

test('migration files are numbered and unique', async () => {
  const migrations = await readMigrations()
  expect(migrations.length).toBeGreaterThan(0)
  expect(migrations[0]?.name).toBe('001_catalog.sql')
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql'))
  expect(migrations.map((migration) => migration.name)).toEqual(files.sort())
})

describe.each(databaseTargets())('migrations and seed on $name', (target) => {
  let handle: TestDatabase
  beforeAll(async () => {
    handle = await target.open()
  })
  afterAll(async () => {
    await handle.dispose()
  })

  const count = async (table: string): Promise<number> => {
    const [row] = await handle.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)
    return row?.n ?? -1
  }

  test('migrations are idempotent: a second run applies nothing', async () => {
    const first = await migrate(handle.db)
    expect(first).toEqual((await readMigrations()).map((migration) => migration.name))
    expect(await migrate(handle.db)).toEqual([])
    expect(await count('schema_migrations')).toBe(first.length)
  })

  test('concurrent migrators do not collide', async () => {
    const results = await Promise.all([migrate(handle.db), migrate(handle.db)])
    expect(results).toEqual([[], []])
  })

  test('seeding is idempotent: a second run leaves the catalog unchanged', async () => {
    const first = await seedCatalog(handle.db)
    expect(first).toEqual({ seeded: true, categories: SEED_CATEGORIES.length, products: SEED_PRODUCTS.length })
    const second = await seedCatalog(handle.db)
    expect(second.seeded).toBe(false)
    expect(await count('categories')).toBe(SEED_CATEGORIES.length)
    expect(await count('products')).toBe(SEED_PRODUCTS.length)
    expect(await count('skus')).toBe(SEED_PRODUCTS.reduce((sum, product) => sum + product.skus.length, 0))
  })

  test('the schema rejects negative stock and non-positive prices', async () => {
    await expect(handle.db.query("update skus set stock = -1 where id = 'p001-1'")).rejects.toThrow(/check/i)
    await expect(handle.db.query("update skus set price_fen = 0 where id = 'p001-1'")).rejects.toThrow(/check/i)
    const [sku] = await handle.db.query<{ stock: number; price_fen: number }>(
      "select stock, price_fen from skus where id = 'p001-1'",
    )
    expect(sku).toEqual({ stock: 120, price_fen: 3990 })
  })

  test('a failed transaction rolls back', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.query("update skus set stock = 1 where id = 'p001-1'")
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const [sku] = await handle.db.query<{ stock: number }>("select stock from skus where id = 'p001-1'")
    expect(sku?.stock).toBe(120)
  })
})

describe('migration safety', () => {
  const pglite = databaseTargets()[0]
  let dir: string
  let handle: TestDatabase
  beforeAll(async () => {
    if (!pglite) throw new Error('PGlite target missing')
    handle = await pglite.open()
    dir = await mkdtemp(path.join(tmpdir(), 'migrations-'))
    await copyFile(path.join(MIGRATIONS_DIR, '001_catalog.sql'), path.join(dir, '001_catalog.sql'))
  })
  afterAll(async () => {
    await handle.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  test('new files are applied in order; editing an applied file stops start-up', async () => {
    expect(await migrate(handle.db, dir)).toEqual(['001_catalog.sql'])
    await writeFile(path.join(dir, '002_extra.sql'), 'create table extra (id int primary key);')
    await writeFile(path.join(dir, 'notes.txt'), 'not a migration')
    expect(await migrate(handle.db, dir)).toEqual(['002_extra.sql'])

    await writeFile(path.join(dir, '002_extra.sql'), 'create table extra (id bigint primary key);')
    await expect(migrate(handle.db, dir)).rejects.toThrow('Migration 002_extra.sql changed after it was applied')
  })

  test('a failing migration is rolled back and not recorded', async () => {
    await writeFile(path.join(dir, '002_extra.sql'), 'create table extra (id int primary key);') // restore
    await writeFile(path.join(dir, '003_broken.sql'), 'create table half_done (id int); select nonsense from nowhere;')
    await expect(migrate(handle.db, dir)).rejects.toThrow()
    const tables = await handle.db.query("select 1 from information_schema.tables where table_name = 'half_done'")
    expect(tables).toHaveLength(0)
    const recorded = await handle.db.query("select 1 from schema_migrations where name = '003_broken.sql'")
    expect(recorded).toHaveLength(0)
  })
})
