/**
 * The demo-data switch. On the real server process: a start without it leaves the catalog and
 * the outlets empty (a production database never gets demo products by itself); `npm run db:seed`
 * fills a database once and leaves it alone afterwards.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { loadConfig } from '../src/config'
import { withDemoDataFlag } from '../src/seed/demo-data'
import { startBackend } from '../../tools/serve/backend'
import './support/outside-jest' // before pglite-templates loads PGlite
import { writePgliteTemplate } from './support/pglite-templates'

const ROOT = path.resolve(__dirname, '..', '..')
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
/** Starting tsx and a fresh database can take minutes on a busy 2-core machine; this only catches hangs. */
const START_LIMIT_MS = 240_000

test('--seed-demo-data (what the dev scripts pass) means SEED_DEMO_DATA=1; without either, nothing is seeded', () => {
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts', '--seed-demo-data'], {})).seedDemoData).toBe(true)
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts'], {})).seedDemoData).toBe(false)
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts'], { SEED_DEMO_DATA: '1' })).seedDemoData).toBe(true)
})

/**
 * A folder holding a new, empty database cluster, as PGlite's first start leaves it (copied from the
 * tests' template, which saves the child process several seconds of initdb).
 */
async function emptyDataDir(prefix: string): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  await writePgliteTemplate('empty', dataDir)
  return dataDir
}

test('a plain start of the server seeds nothing', async () => {
  const dataDir = await emptyDataDir('plain-start-')
  // SEED_DEMO_DATA is cleared: startBackend turns it on for the smoke and e2e runs.
  const backend = await startBackend({ env: { SEED_DEMO_DATA: '', PGLITE_DIR: dataDir }, healthTimeoutMs: START_LIMIT_MS })
  try {
    const categories = (await (await fetch(`${backend.url}/api/categories`)).json()) as { items: unknown[] }
    const outlets = (await (await fetch(`${backend.url}/api/outlets`)).json()) as { items: unknown[] }
    expect({ categories: categories.items.length, outlets: outlets.items.length }).toEqual({ categories: 0, outlets: 0 })
  } finally {
    await backend.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, START_LIMIT_MS + 60_000)

test('npm run db:seed fills a database once, then leaves it alone', async () => {
  const dataDir = await emptyDataDir('db-seed-')
  const seed = () => promisify(execFile)(process.execPath, [TSX, 'server/src/seed/seed-cli.ts'], { cwd: ROOT, env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' } })
  try {
    await expect(seed()).resolves.toMatchObject({ stdout: expect.stringContaining('catalog seeded (6 categories, 36 products); outlets seeded (8)') })
    await expect(seed()).resolves.toMatchObject({ stdout: expect.stringContaining('catalog already has categories, left alone; outlets already has outlets, left alone') })
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 2 * START_LIMIT_MS)
