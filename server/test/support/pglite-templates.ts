/**
 * PGlite databases for tests, loaded from a dumped template instead of created from scratch.
 *
 * A fresh `PGlite.create('memory://')` runs initdb inside WASM (about 6–10 s of CPU on this machine
 * kind), and most test files open two or three databases. Loading a dumped data directory takes a
 * fraction of that, so each template (an empty cluster, and one migrated and seeded as main.ts
 * would) is built once, dumped to a tar file keyed by everything that shapes it, and loaded per test.
 * jest's globalSetup builds missing templates before the workers start (server/test/support/global-setup.ts);
 * a test run alone builds them on first use.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate'
import { archiveBlob } from '../../src/db/pglite-archive'
import type { Database } from '../../src/db/database'
import { pgliteDatabase } from '../../src/db/pglite'
import { seedCatalog } from '../../src/seed/seed-catalog'
import { seedOutlets } from '../../src/seed/seed-outlets'

export type PgliteTemplate = 'empty' | 'seeded'

const SERVER_DIR = path.resolve(__dirname, '..', '..')
const REPO_DIR = path.resolve(SERVER_DIR, '..')
/** Under node_modules, so it is ignored by git and dropped with a fresh install. */
export const TEMPLATE_CACHE_DIR = path.join(REPO_DIR, 'node_modules', '.cache', 'storefront-pglite')

/** Files whose content decides what a template holds: a change to any of them builds new templates. */
async function templateInputs(): Promise<string[]> {
  const inDir = async (dir: string): Promise<string[]> =>
    (await readdir(dir)).sort().map((name) => path.join(dir, name))
  return [
    path.join(REPO_DIR, 'node_modules', '@electric-sql', 'pglite', 'package.json'),
    path.join(SERVER_DIR, 'src', 'db', 'migrate.ts'),
    ...(await inDir(MIGRATIONS_DIR)),
    ...(await inDir(path.join(SERVER_DIR, 'src', 'seed'))),
  ]
}

/**
 * PGlite's start parameters with 16 MB of shared buffers instead of PostgreSQL's 128 MB. The test
 * databases are a few megabytes, and PostgreSQL scans the whole buffer pool when it starts and for
 * every relation it drops or truncates (each test file's reset drops them all): measured here, a
 * template loads in under half the CPU and a reset with migrations and seed takes half as long.
 * Only start-up settings change (nothing is written to the data directory).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB']

async function templateFile(template: PgliteTemplate): Promise<string> {
  const hash = createHash('sha256')
  for (const file of await templateInputs()) hash.update(file).update(await readFile(file))
  return path.join(TEMPLATE_CACHE_DIR, `${template}-${hash.digest('hex').slice(0, 16)}.tar`)
}

/** What main.ts does to a new database on its first start: the schema, the catalog, the outlets. */
export async function migrateAndSeed(db: Database): Promise<void> {
  await migrate(db)
  await seedCatalog(db)
  await seedOutlets(db)
}

async function saveDump(pg: PGlite, file: string): Promise<void> {
  const dump = await pg.dumpDataDir('none')
  await mkdir(TEMPLATE_CACHE_DIR, { recursive: true })
  // Write then rename: a concurrent reader sees the old state or the whole file, never half of it.
  const partial = `${file}.${process.pid}.partial`
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
  await rename(partial, file)
}

/**
 * Builds the templates that are missing from one new cluster (initdb costs seconds of CPU): it is
 * dumped as the empty template, then migrated and seeded and dumped as the seeded one.
 */
async function buildTemplates(missing: readonly PgliteTemplate[]): Promise<void> {
  const pg = await PGlite.create({ dataDir: 'memory://', startParams: START_PARAMS })
  try {
    if (missing.includes('empty')) await saveDump(pg, await templateFile('empty'))
    if (missing.includes('seeded')) {
      await migrateAndSeed(pgliteDatabase(pg))
      await saveDump(pg, await templateFile('seeded'))
    }
  } finally {
    await pg.close()
  }
}

const fileExists = (file: string): Promise<boolean> =>
  readFile(file).then(
    () => true,
    () => false,
  )

/** Builds the templates that are missing; returns the ones it built. */
export async function ensurePgliteTemplates(): Promise<PgliteTemplate[]> {
  const missing: PgliteTemplate[] = []
  for (const template of ['empty', 'seeded'] as const) {
    if (!(await fileExists(await templateFile(template)))) missing.push(template)
  }
  if (missing.length > 0) await buildTemplates(missing)
  return missing
}

/** A new PGlite holding a copy of the template: in memory, or in `dataDir` (an empty folder) for a server process to open. */
export async function loadPgliteTemplate(template: PgliteTemplate, dataDir = 'memory://'): Promise<PGlite> {
  const file = await templateFile(template)
  let bytes = await readFile(file).catch(() => null)
  if (!bytes) {
    await buildTemplates([template])
    bytes = await readFile(file)
  }
  return PGlite.create({ dataDir, loadDataDir: archiveBlob(bytes), startParams: START_PARAMS })
}

/** What main.ts would create on first start, in `dataDir`, without running initdb (several seconds of CPU). */
export async function writePgliteTemplate(template: PgliteTemplate, dataDir: string): Promise<void> {
  await (await loadPgliteTemplate(template, dataDir)).close()
}
