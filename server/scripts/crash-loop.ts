/**
 * Crash test (issue 11 item 8): the server on an on-disk PGlite is killed with SIGKILL at a random
 * (seeded) moment while members place orders and pay in the sandbox, then the data directory is
 * opened again and checked by SQL: every acknowledged order and payment is there, stock is conserved.
 * Bounded: a few rounds of a few seconds; loopback only.
 *
 *   npm run test:crash                         # builds, then 5 rounds, seed 20261129, node server/dist/server/src/main.js
 *   npx tsx server/scripts/crash-loop.ts --rounds 3 --seed 7    # the sources under tsx, no build
 *
 * Prints one line per round; exits 1 on any violation (server/scripts/crash/round-check.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openPglite } from '../src/db/pglite'
import { stockLedger } from '../src/orders/stock-ledger'
import { writePgliteTemplate } from '../test/support/pglite-templates'
import { findViolations, type AcknowledgedOrder, type OutletdOrder } from './crash/round-check'
import { startServerProcess, type Launcher, type ServerProcess } from './support/server-process'

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261129' },
    workers: { type: 'string', default: '4' },
    built: { type: 'boolean', default: false },
  },
})
const ROUNDS = Number(args.rounds)
const WORKERS = Number(args.workers)
const LAUNCHER: Launcher = args.built ? 'built' : 'tsx'
/**
 * The kill comes a random 0–2 s after the round's first few acknowledged orders (not after a fixed
 * time from the start: on a loaded machine logging in alone can take seconds, and a kill before any
 * order proves nothing). A round that acknowledges nothing within a minute is killed anyway.
 */
const KILL_AFTER_ACKS = 3
const KILL_DELAY_MS = 2000
const FIRST_ACKS_LIMIT_MS = 60_000
/** Hang guard for the whole run (a healthy run takes well under 2 minutes on a quiet machine). */
const RUN_LIMIT_MS = 10 * 60_000

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = seededRandom(Number(args.seed))
const say = (line: string): void => void process.stdout.write(`${line}\n`)
const sayError = (line: unknown): void => void process.stderr.write(`${line instanceof Error ? (line.stack ?? line.message) : String(line)}\n`)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

interface Sku {
  id: string
  priceFen: number
}

/** The server with limits that would stop a load test (login per IP, orders per member) lifted. */
const serverEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  PGLITE_DIR: dataDir,
  NODE_ENV: '',
  WECHAT_APPID: '',
  WECHAT_SECRET: '',
  MAX_UNPAID_ORDERS: '100',
  RATE_LIMIT_LOGIN_PER_IP: '1000000/1m',
  RATE_LIMIT_ORDERS_PER_USER: '1000000/1m',
})

async function api<T>(url: string, init: { method: string; token?: string; json?: unknown }): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  return { status: response.status, body: (await response.json().catch(() => null)) as T }
}

async function waitReady(server: ServerProcess): Promise<void> {
  for (;;) {
    const ready = await fetch(`${server.url}/api/ready`).catch(() => null)
    if (ready?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

interface RoundLoad {
  acknowledged: number
  paid: number
  cutOff: number
  /** Order answers other than 201, by status (409 out of stock is expected late in a run). */
  refused: Map<number, number>
  errors: string[]
}

/** One member ordering and paying until the server dies; records every 2xx in `acked`. */
async function member(url: string, code: string, skus: readonly Sku[], acked: Map<string, AcknowledgedOrder>, load: RoundLoad): Promise<void> {
  try {
    const login = await api<{ token: string }>(`${url}/api/auth/login`, { method: 'POST', json: { code } })
    if (login.status !== 200) throw new Error(`login answered ${login.status}`)
    const token = login.body.token
    for (let n = 0; ; n += 1) {
      const sku = pick(skus)
      const quantity = 1 + Math.floor(random() * 3)
      const placed = await api<{ id: string }>(`${url}/api/orders`, {
        method: 'POST',
        token,
        json: {
          idempotencyKey: `crash-${code}-${n}`,
          items: [{ skuId: sku.id, quantity, unitPriceFen: sku.priceFen }],
          fulfilment: 'pickup',
          contact: { name: '', phone: null, usePhoneOnFile: false },
          address: null,
          outletId: 'sh-jingan',
          note: '',
        },
      })
      if (placed.status !== 201) {
        // Nothing was promised (e.g. 409 out of stock); counted so a run that orders nothing shows why.
        load.refused.set(placed.status, (load.refused.get(placed.status) ?? 0) + 1)
        if (placed.status >= 500 || placed.status === 400) throw new Error(`order answered ${placed.status}: ${JSON.stringify(placed.body)}`)
        continue
      }
      const order: AcknowledgedOrder = { id: placed.body.id, units: quantity, state: 'pending_payment' }
      acked.set(order.id, order)
      load.acknowledged += 1
      if (random() < 0.5) {
        const paid = await api(`${url}/api/orders/${order.id}/pay`, { method: 'POST', token })
        if (paid.status === 200) {
          order.state = 'paid'
          load.paid += 1
        }
      }
    }
  } catch (error) {
    // The kill: a refused or broken connection ends this member's round. Anything else is reported.
    if (error instanceof Error && error.message.startsWith('order answered')) load.errors.push(error.message)
    else load.cutOff += 1
  }
}

interface Snapshot {
  stored: Map<string, OutletdOrder>
  ledger: Record<string, number>
  negativeStock: string[]
  skus: Sku[]
}

/** Opens the data directory as the next start would (recovering it after the kill) and reads it by SQL. */
async function snapshot(dataDir: string): Promise<Snapshot> {
  const db = await openPglite(dataDir)
  try {
    const orders = await db.query<{ id: string; status: string; units: number }>(
      'select o.id, o.status, sum(l.quantity)::int as units from orders o join order_lines l on l.order_id = o.id group by o.id',
    )
    const negative = await db.query<{ id: string }>('select id from skus where stock < 0')
    const skus = await db.query<{ id: string; price_fen: number }>('select id, price_fen from skus where stock > 0 order by id')
    return {
      stored: new Map(orders.map((row) => [row.id, { status: row.status, units: row.units }])),
      ledger: await stockLedger(db),
      negativeStock: negative.map((row) => row.id),
      skus: skus.map((row) => ({ id: row.id, priceFen: row.price_fen })),
    }
  } finally {
    await db.close()
  }
}

async function main(): Promise<number> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crash-loop-'))
  const dataDir = path.join(tmp, 'pglite')
  try {
    await writePgliteTemplate('seeded', dataDir)
    const before = await snapshot(dataDir)
    const acked = new Map<string, AcknowledgedOrder>()
    let skus = before.skus
    let failed = false
    say(`crash loop: ${ROUNDS} rounds, seed ${args.seed}, ${WORKERS} members per round, ${LAUNCHER} server, PGlite at ${dataDir}`)
    for (let round = 1; round <= ROUNDS; round += 1) {
      const started = Date.now()
      const server = await startServerProcess(LAUNCHER, serverEnv(dataDir))
      await waitReady(server)
      const startMs = Date.now() - started
      const killAfterMs = Math.round(random() * KILL_DELAY_MS)
      const load: RoundLoad = { acknowledged: 0, paid: 0, cutOff: 0, refused: new Map(), errors: [] }
      const loadStarted = Date.now()
      const members = Array.from({ length: WORKERS }, (_, w) => member(server.url, `crash-r${round}-m${w}`, skus, acked, load))
      while (load.acknowledged < KILL_AFTER_ACKS && Date.now() - loadStarted < FIRST_ACKS_LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 10))
      const firstAcksMs = Date.now() - loadStarted
      await new Promise((resolve) => setTimeout(resolve, killAfterMs))
      server.child.kill('SIGKILL')
      await server.exited
      await Promise.all(members)
      const checkStarted = Date.now()
      const after = await snapshot(dataDir)
      skus = after.skus
      const violations = findViolations({ acknowledged: [...acked.values()], stored: after.stored, seeded: before.ledger, ledger: after.ledger, negativeStock: after.negativeStock })
      const unacknowledged = [...after.stored.keys()].filter((id) => !acked.has(id)).length
      say(
        `round ${round}: start ${startMs} ms; first ${KILL_AFTER_ACKS} orders after ${firstAcksMs} ms, killed ${killAfterMs} ms later; acknowledged ${load.acknowledged} orders (${load.paid} paid), ` +
          `${load.cutOff} members cut off; stored ${after.stored.size} orders (${unacknowledged} never acknowledged, allowed); ` +
          `check ${Date.now() - checkStarted} ms: ${violations.length === 0 ? 'ok' : `${violations.length} VIOLATIONS`}`,
      )
      if (load.refused.size > 0) say(`  orders refused: ${[...load.refused].map(([status, n]) => `${n} × ${status}`).join(', ')}`)
      for (const line of [...load.errors, ...violations].slice(0, 20)) say(`  ${line}`)
      if (violations.length > 0 || load.errors.length > 0) failed = true
    }
    if (acked.size === 0) {
      say('no order was acknowledged in any round: the run proved nothing')
      failed = true
    }
    // The data directory still serves after the last kill, and a graceful stop exits 0.
    const last = await startServerProcess(LAUNCHER, serverEnv(dataDir))
    await waitReady(last)
    const exit = await last.stop('SIGTERM')
    say(`restart after the last kill: ready; SIGTERM exit ${exit.code ?? exit.signal}`)
    if (exit.code !== 0) failed = true
    say(failed ? 'crash loop: FAILED' : `crash loop: ok (${acked.size} acknowledged orders across ${ROUNDS} kills, all present, stock conserved)`)
    return failed ? 1 : 0
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

setTimeout(() => {
  sayError(`crash loop: no result within ${RUN_LIMIT_MS / 1000} s`)
  process.exit(2)
}, RUN_LIMIT_MS).unref()

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    sayError(error)
    process.exit(2)
  },
)
