/**
 * Backup and restore (issue 11 item 7), by a real round trip: a member orders and pays, the
 * database is backed up, restored somewhere new, a server starts on the copy and the member's
 * account and order are there. PGlite through `npm run db:backup` / `db:restore` (the CLI as a
 * child process); PostgreSQL through pg_dump / pg_reoutlet as server/README.md documents them.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import './support/outside-jest' // before PGlite loads
import { buildApp } from '../src/app'
import type { Database } from '../src/db/database'
import { lockFileOf } from '../src/db/data-dir-lock'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { openPostgres } from '../src/db/postgres'
import { openPostgresInNewSchema } from '../src/db/postgres-schema'
import { seedCatalog } from '../src/seed/seed-catalog'
import { seedOutlets } from '../src/seed/seed-outlets'
import { REPO_DIR, startServerProcess } from '../scripts/support/server-process'
import { call, login } from './support/accounts'
import { placeOrder } from './support/orders'
import { writePgliteTemplate } from './support/pglite-templates'
import { TEST_DATABASE_URL } from './support/test-databases'

/** Opening PGlite and starting processes can take minutes on a busy 2-core machine; this only catches hangs. */
const LIMIT_MS = 600_000
const MEMBER_CODE = 'backup-test-member'

/** A member logs in, orders and pays; returns the order's id. */
async function orderAndPay(db: Database): Promise<string> {
  const app = await buildApp({ db })
  try {
    const { token } = await login(app, MEMBER_CODE)
    const order = await placeOrder(app, token)
    expect((await call(app, 'POST', `/api/orders/${order.id}/pay`, { token })).statusCode).toBe(200)
    return order.id
  } finally {
    await app.close()
  }
}

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

async function backupCli(dataDir: string, ...args: string[]): Promise<CliResult> {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/db/backup-cli.ts', ...args], {
    cwd: REPO_DIR,
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' },
  })
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

describe('PGlite: npm run db:backup / db:restore', () => {
  let tmp: string
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'))
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  test('round trip: order, back up, restore into a fresh directory, start the server there: the account and the paid order are back', async () => {
    const original = path.join(tmp, 'original')
    const restored = path.join(tmp, 'restored')
    const archive = path.join(tmp, 'shop.tar.gz')
    await writePgliteTemplate('seeded', original)
    const db = await openPglite(original)
    let orderId: string
    try {
      orderId = await orderAndPay(db)
      // A server (here: this process) holds the directory: the backup refuses instead of copying a live database.
      const refused = await backupCli(original, 'backup', archive)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(`in use by process ${process.pid} (stop that server first)`)
      expect(fs.existsSync(archive)).toBe(false)
    } finally {
      await db.close()
    }

    const backup = await backupCli(original, 'backup', archive)
    expect(backup.stderr).toBe('')
    expect(backup.stdout).toMatch(/^backed up .+ bytes; \d+ migrations, 1 users, 1 orders\n$/)
    expect((await backupCli(original, 'backup', archive)).stderr).toContain('exists; pass --force to overwrite it')

    const restore = await backupCli(restored, 'restore', archive)
    expect(restore.stdout).toMatch(/^restored .+: \d+ migrations, 1 users, 1 orders\n$/)
    const again = await backupCli(restored, 'restore', archive)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already holds a database; pass --force to replace it')

    const server = await startServerProcess('tsx', { PGLITE_DIR: restored })
    try {
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200)
      const session = (await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: MEMBER_CODE }) })).json()) as { token: string }
      const order = (await (await fetch(`${server.url}/api/orders/${orderId}`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as { id: string; status: string }
      expect(order).toMatchObject({ id: orderId, status: 'paid' })
      // The restored directory is in use now: a restore over it is refused even with --force.
      const overRunning = await backupCli(restored, 'restore', archive, '--force')
      expect(overRunning.stderr).toMatch(/in use by process \d+ \(stop that server first\)/)
    } finally {
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    }

    const forced = await backupCli(restored, 'restore', archive, '--force')
    expect(forced.stdout).toMatch(/the database it replaced is kept at .+restored\.replaced-/)
    expect(fs.existsSync(lockFileOf(restored))).toBe(false)
  }, LIMIT_MS)

  test('a backup of a directory without a database, or a corrupt archive, fails clearly and writes nothing', async () => {
    const missing = await backupCli(path.join(tmp, 'none'), 'backup', path.join(tmp, 'none.tar.gz'))
    expect(missing.stderr).toContain('No database at')
    fs.writeFileSync(path.join(tmp, 'bad.tar.gz'), 'not an archive')
    const bad = await backupCli(path.join(tmp, 'from-bad'), 'restore', path.join(tmp, 'bad.tar.gz'))
    expect(bad.code).toBe(1)
    expect(fs.existsSync(path.join(tmp, 'from-bad'))).toBe(false)
    expect(fs.readdirSync(tmp).filter((name) => name.includes('restoring'))).toEqual([])
  }, LIMIT_MS)
})

/** pg_dump/pg_reoutlet from Debian's versioned directory (outside PATH), or PATH. */
function postgresTool(name: string): string | null {
  const base = '/usr/lib/postgresql'
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const tool = path.join(base, version, 'bin', name)
    if (fs.existsSync(tool)) return tool
  }
  const onPath = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name))
  return onPath.find((tool) => fs.existsSync(tool)) ?? null
}

const pgDump = postgresTool('pg_dump')
const pgReoutlet = postgresTool('pg_reoutlet')
const postgresLeg = TEST_DATABASE_URL && pgDump && pgReoutlet ? describe : describe.skip
if (!TEST_DATABASE_URL || !pgDump || !pgReoutlet) {
  test.skip(`PostgreSQL backup round trip skipped: ${!TEST_DATABASE_URL ? 'set TEST_DATABASE_URL (server/scripts/ci-postgres.sh)' : 'pg_dump/pg_reoutlet not found'}`, () => undefined)
}

postgresLeg('PostgreSQL: pg_dump / pg_reoutlet', () => {
  test('round trip: order, pg_dump, the schema is dropped, pg_reoutlet, a server on it finds the account and the paid order', async () => {
    const url = TEST_DATABASE_URL ?? ''
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-backup-'))
    const shop = await openPostgresInNewSchema(url, 'backup')
    const schema = /search_path=(\w+)/.exec(new URL(shop.url).searchParams.get('options') ?? '')?.[1] ?? ''
    try {
      await migrate(shop.db)
      await seedCatalog(shop.db)
      await seedOutlets(shop.db)
      const orderId = await orderAndPay(shop.db)
      const dump = path.join(tmp, 'shop.dump')
      await promisify(execFile)(pgDump ?? '', ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`, `--file=${dump}`, url])
      await shop.db.query(`drop schema ${schema} cascade`) // the database is lost
      await promisify(execFile)(pgReoutlet ?? '', ['--no-owner', '--no-privileges', `--dbname=${url}`, dump])

      const db = await openPostgres(shop.url)
      const app = await buildApp({ db })
      try {
        const { token } = await login(app, MEMBER_CODE)
        const order = await call(app, 'GET', `/api/orders/${orderId}`, { token })
        expect(order.json()).toMatchObject({ id: orderId, status: 'paid' })
        expect((await call(app, 'GET', '/api/ready')).statusCode).toBe(200)
      } finally {
        await app.close()
        await db.close()
      }
    } finally {
      await shop.dispose()
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }, LIMIT_MS)
})
