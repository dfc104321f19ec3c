/**
 * The demo-data switch. On the real server process: a start without it leaves the catalog and
 * the stores empty (a production database never gets demo products by itself); `npm run db:seed`
 * fills an existing database, which the next plain start serves.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { loadConfig } from '../src/config'
import { withDemoDataFlag } from '../src/seed/demo-data'
import { startBackend, type RunningBackend } from '../../tools/serve/backend'

const ROOT = path.resolve(__dirname, '..', '..')
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

async function catalogAndStores(dataDir: string): Promise<{ categories: number; stores: number }> {
  // SEED_DEMO_DATA is cleared: startBackend turns it on for the smoke and e2e runs.
  const backend: RunningBackend = await startBackend({ env: { SEED_DEMO_DATA: '', PGLITE_DIR: dataDir } })
  try {
    const categories = (await (await fetch(`${backend.url}/api/categories`)).json()) as { items: unknown[] }
    const stores = (await (await fetch(`${backend.url}/api/stores`)).json()) as { items: unknown[] }
    return { categories: categories.items.length, stores: stores.items.length }
  } finally {
    await backend.stop()
  }
}

test('--seed-demo-data (what the dev scripts pass) means SEED_DEMO_DATA=1; without either, nothing is seeded', () => {
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts', '--seed-demo-data'], {})).seedDemoData).toBe(true)
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts'], {})).seedDemoData).toBe(false)
  expect(loadConfig(withDemoDataFlag(['node', 'main.ts'], { SEED_DEMO_DATA: '1' })).seedDemoData).toBe(true)
})

test('a plain start seeds nothing; npm run db:seed fills the database once and the next plain start serves it', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-seed-'))
  const seed = () => promisify(execFile)(process.execPath, [TSX, 'server/src/seed/seed-cli.ts'], { cwd: ROOT, env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' } })
  try {
    await expect(catalogAndStores(dataDir)).resolves.toEqual({ categories: 0, stores: 0 })
    await expect(seed()).resolves.toMatchObject({ stdout: expect.stringContaining('catalog seeded (6 categories, 36 products); stores seeded (8)') })
    await expect(seed()).resolves.toMatchObject({ stdout: expect.stringContaining('catalog already has categories, left alone; stores already has stores, left alone') })
    await expect(catalogAndStores(dataDir)).resolves.toEqual({ categories: 6, stores: 8 })
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 240_000)
