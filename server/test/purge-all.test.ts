/**
 * Ending the service (001 12.1.5): the documented purge deletes every user's data and keeps the
 * catalog; the script refuses to delete without its confirmation flag.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import './support/outside-jest'
import { buildApp } from '../src/app'
import { openPglite } from '../src/db/pglite'
import { call, login } from './support/accounts'
import { deliveryRequest, placeOrder } from './support/orders'
import { writePgliteTemplate } from './support/pglite-templates'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '..', '..')
const script = (args: string[], dataDir: string) =>
  run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/scripts/purge-all-user-data.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' },
  })

test('the purge-all script: a dry run counts, the confirmed run leaves no row about any user and keeps the catalog', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'purge-all-'))
  try {
    // A migrated, seeded database as main.ts leaves it (copied from the tests' template: no initdb).
    await writePgliteTemplate('seeded', dataDir)
    const db = await openPglite(dataDir)
    const app = await buildApp({ db })
    for (let i = 0; i < 2; i += 1) {
      const { token } = await login(app)
      await call(app, 'PUT', '/api/me/phone', { token, json: { phone: '13612345678' } })
      await call(app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'sh-jingan' } })
      const order = await placeOrder(app, token, deliveryRequest())
      await call(app, 'POST', `/api/orders/${order.id}/subscriptions`, { token, json: { results: { 'sandbox-order-shipped': 'accept' } } })
    }
    await app.close()
    await db.close()

    await expect(script(['--yes'], dataDir)).rejects.toMatchObject({ stderr: expect.stringContaining('unknown argument(s): --yes') })
    const dry = JSON.parse((await script([], dataDir)).stdout) as { dryRun: boolean; users: number }
    expect(dry).toMatchObject({ dryRun: true, users: 2 })

    const result = JSON.parse((await script(['--yes-delete-every-user'], dataDir)).stdout) as { usersDeleted: number; rowsLeft: Record<string, number> }
    expect(result.usersDeleted).toBe(2)
    expect(Object.keys(result.rowsLeft)).toEqual(expect.arrayContaining(['users', 'sessions', 'phones', 'orders', 'order_lines', 'subscriptions', 'user_preferences', 'avatars']))
    expect(Object.values(result.rowsLeft).every((n) => n === 0)).toBe(true)

    const after = await openPglite(dataDir)
    const [products] = await after.query<{ n: number }>('select count(*)::int as n from products')
    expect(products?.n).toBeGreaterThan(0)
    await after.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 400_000)
