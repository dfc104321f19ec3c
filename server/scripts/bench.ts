/**
 * `npm run bench`: the catalog's read throughput as a share of a bare Fastify serving the same
 * bytes (the ceiling), measured in the same run on this machine, plus POST /api/orders under load.
 *
 *   npm run bench                 # 10 s per measurement, PGlite and PostgreSQL; writes docs/performance.md
 *   npm run bench -- --short      # CI: best of 5 short interleaved rounds, ratios only; exit 1 under target
 *   npm run bench -- --no-postgres
 *
 * Throwaway servers only: each database is fresh (in-memory PGlite; a new schema on the PostgreSQL
 * from BENCH_DATABASE_URL / TEST_DATABASE_URL, or the one server/scripts/ci-postgres.sh starts),
 * loopback only, every load bounded in time. Absolute req/s vary with the machine and its load;
 * the ratios against the ceiling measured alongside are what the targets apply to.
 */
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { BenchChild } from './bench/child-process'
import { runLoad, type LoadResult } from './bench/load'
import { runOrdersLoad, type OrdersResult } from './bench/orders-load'
import type { CapturedAnswer } from './bench/protocol'

const REPO = path.resolve(__dirname, '..', '..')
const REPORT = path.join(REPO, 'docs', 'performance.md')
const MARK_START = '<!-- npm run bench: start -->'
const MARK_END = '<!-- npm run bench: end -->'

const CONNECTIONS = 50
const ORDER_CONNECTIONS = 20
const P99_TARGET_MS = 50

interface Endpoint {
  label: string
  path: string
  /** Minimum share of the ceiling's req/s. */
  target: number
}

const ENDPOINTS: readonly Endpoint[] = [
  { label: 'GET /api/products?page=1&pageSize=10', path: '/api/products?page=1&pageSize=10', target: 0.5 },
  { label: 'GET /api/products/p001', path: '/api/products/p001', target: 0.5 },
  { label: 'GET /api/categories', path: '/api/categories', target: 0.5 },
  { label: 'GET /api/search?q=果', path: `/api/search?q=${encodeURIComponent('果')}`, target: 0.25 },
]

interface Mode {
  short: boolean
  rounds: number
  seconds: number
  orderSeconds: number
  postgres: boolean
}

function parseMode(argv: readonly string[]): Mode {
  const short = argv.includes('--short')
  return {
    short,
    // Short: several brief rounds, ceiling and app interleaved, best of each (noise on a shared
    // 2-core machine only ever lowers a round's rate, so each side's best round is its closest
    // estimate of capacity). 3 rounds let one unlucky streak decide a fresh-clone CI run (PGlite
    // categories measured 44% there, 58% in the retry); 5 give both sides more chances at a quiet moment.
    rounds: short ? 5 : 1,
    seconds: short ? 2 : 10,
    orderSeconds: 10,
    postgres: !argv.includes('--no-postgres'),
  }
}

interface EndpointResult {
  endpoint: Endpoint
  app: LoadResult
  ceiling: LoadResult
}

interface DatabaseResult {
  database: 'PGlite' | 'PostgreSQL'
  endpoints: EndpointResult[]
  orders: OrdersResult | null
}

const ratio = (result: EndpointResult): number => result.app.perSecond / Math.max(result.ceiling.perSecond, 1)
const better = (a: LoadResult | undefined, b: LoadResult): LoadResult => (!a || b.perSecond > a.perSecond ? b : a)

async function capture(app: BenchChild): Promise<CapturedAnswer[]> {
  const answers: CapturedAnswer[] = []
  for (const endpoint of ENDPOINTS) {
    const response = await fetch(app.baseUrl + endpoint.path)
    if (response.status !== 200) throw new Error(`${endpoint.label} answered ${response.status}`)
    answers.push({
      path: endpoint.path,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: Buffer.from(await response.arrayBuffer()).toString('base64'),
    })
  }
  return answers
}

async function measureDatabase(database: DatabaseResult['database'], mode: Mode, env: NodeJS.ProcessEnv): Promise<DatabaseResult> {
  const app = await BenchChild.start('app-server', [database === 'PGlite' ? 'pglite' : 'postgres'], env)
  const ceiling = await BenchChild.start('ceiling-server', [])
  try {
    await ceiling.ask({ type: 'serve', answers: await capture(app) })
    const best = new Map<string, { app?: LoadResult; ceiling?: LoadResult }>()
    const load = (server: BenchChild, endpoint: Endpoint, seconds: number) =>
      runLoad({ url: server.baseUrl + endpoint.path, connections: CONNECTIONS, seconds })
    for (const endpoint of ENDPOINTS) {
      // Warm both (JIT, caches) before anything counts.
      await load(app, endpoint, 1)
      await load(ceiling, endpoint, 1)
    }
    for (let round = 0; round < mode.rounds; round++) {
      for (const endpoint of ENDPOINTS) {
        const entry = best.get(endpoint.path) ?? {}
        // Alternate who goes first, so neither always runs on a machine the other just heated.
        const order = round % 2 === 0 ? (['ceiling', 'app'] as const) : (['app', 'ceiling'] as const)
        for (const which of order) {
          const result = await load(which === 'app' ? app : ceiling, endpoint, mode.seconds)
          entry[which] = better(entry[which], result)
        }
        best.set(endpoint.path, entry)
      }
    }
    const endpoints = ENDPOINTS.map((endpoint) => {
      const entry = best.get(endpoint.path)
      if (!entry?.app || !entry.ceiling) throw new Error(`no measurement for ${endpoint.label}`)
      return { endpoint, app: entry.app, ceiling: entry.ceiling }
    })
    const orders = mode.short ? null : await runOrdersLoad(app, ORDER_CONNECTIONS, mode.orderSeconds)
    return { database, endpoints, orders }
  } finally {
    await Promise.all([app.close(), ceiling.close()])
  }
}

/** A PostgreSQL to measure on: the one named in the environment, else the CI helper's, else none. */
async function postgresUrl(): Promise<string | null> {
  const named = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim()
  if (named) return named
  try {
    const { stdout } = await promisify(execFile)('bash', [path.join(REPO, 'server', 'scripts', 'ci-postgres.sh')], { timeout: 120_000 })
    return stdout.trim().split('\n').pop() || null
  } catch {
    return null
  }
}

const kReq = (perSecond: number): string => perSecond.toLocaleString('en-US', { maximumFractionDigits: 0 })
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`

function verdicts(results: readonly DatabaseResult[], checkP99: boolean): string[] {
  const failures: string[] = []
  for (const result of results) {
    for (const each of result.endpoints) {
      const name = `${result.database} ${each.endpoint.label}`
      if (ratio(each) < each.endpoint.target) failures.push(`${name}: ${percent(ratio(each))} of the ceiling, target ${percent(each.endpoint.target)}`)
      if (checkP99 && each.app.p99Ms > P99_TARGET_MS) failures.push(`${name}: p99 ${each.app.p99Ms} ms, target ≤ ${P99_TARGET_MS} ms`)
      if (each.app.errors > 0) failures.push(`${name}: ${each.app.errors} connection errors or timeouts`)
    }
    if (result.orders) for (const problem of result.orders.problems) failures.push(`${result.database} orders: ${problem}`)
  }
  return failures
}

function renderReport(results: readonly DatabaseResult[], mode: Mode, skippedPostgres: boolean, failures: readonly string[]): string {
  const lines = [
    MARK_START,
    '## Backend under load (`npm run bench`)',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: autocannon on loopback, ${CONNECTIONS} connections,`,
    `${mode.seconds} s per measurement${mode.rounds > 1 ? `, best of ${mode.rounds} interleaved rounds` : ''}, on this 2-core machine while other work ran.`,
    'The ceiling is a bare Fastify serving the same response bytes, measured in the same run; the share',
    'of it is what the targets apply to (absolute req/s move with the machine and its load). Request logs are off in both.',
    '',
    '| database | endpoint | app req/s | app p99 | ceiling req/s | ceiling p99 | share of ceiling | target |',
    '|---|---|---|---|---|---|---|---|',
  ]
  for (const result of results) {
    for (const each of result.endpoints) {
      const ok = ratio(each) >= each.endpoint.target && each.app.p99Ms <= P99_TARGET_MS ? 'met' : 'MISSED'
      lines.push(
        `| ${result.database} | ${each.endpoint.label} | ${kReq(each.app.perSecond)} | ${each.app.p99Ms} ms | ${kReq(each.ceiling.perSecond)} | ` +
          `${each.ceiling.p99Ms} ms | ${percent(ratio(each))} | ≥ ${percent(each.endpoint.target)}, p99 ≤ ${P99_TARGET_MS} ms: ${ok} |`,
      )
    }
  }
  if (skippedPostgres) lines.push('', 'PostgreSQL was not available in this run, so only PGlite was measured.')
  const withOrders = results.filter((result) => result.orders)
  if (withOrders.length > 0) {
    lines.push(
      '',
      `POST /api/orders, ${ORDER_CONNECTIONS} connections × ${mode.orderSeconds} s: one-unit pickup orders, every 5th request resending its`,
      'idempotency key, one in four for a SKU with only 40 in stock. Checked afterwards in the database: stock taken equals the',
      'units in order lines for every SKU (no oversell, nothing negative), one order per key, one order per key answered with success.',
      '',
      '| database | orders placed/s | p99 | answers by status | orders | integrity |',
      '|---|---|---|---|---|---|',
    )
    for (const result of withOrders) {
      const orders = result.orders
      if (!orders) continue
      const statuses = Object.entries(orders.statuses).map(([code, count]) => `${code}: ${count}`).join(', ')
      lines.push(
        `| ${result.database} | ${orders.ordersPerSecond.toFixed(0)} | ${orders.p99Ms} ms | ${statuses} | ${orders.orders} | ` +
          `${orders.problems.length === 0 ? 'no oversell, no duplicates' : orders.problems.join('; ')} |`,
      )
    }
  }
  if (failures.length > 0) lines.push('', 'Missed in this run:', '', ...failures.map((failure) => `- ${failure}`))
  lines.push(MARK_END)
  return lines.join('\n')
}

async function writeReport(section: string): Promise<void> {
  const current = await readFile(REPORT, 'utf8')
  const start = current.indexOf(MARK_START)
  const end = current.indexOf(MARK_END)
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + MARK_END.length)
      : `${current.trimEnd()}\n\n${section}\n`
  await writeFile(REPORT, next)
}

async function main(): Promise<void> {
  const mode = parseMode(process.argv.slice(2))
  const results: DatabaseResult[] = [await measureDatabase('PGlite', mode, {})]
  const url = mode.postgres ? await postgresUrl() : null
  if (url) results.push(await measureDatabase('PostgreSQL', mode, { BENCH_DATABASE_URL: url }))

  const failures = verdicts(results, !mode.short)
  for (const result of results) {
    for (const each of result.endpoints) {
      process.stdout.write(
        `${result.database.padEnd(10)} ${each.endpoint.label.padEnd(38)} ${percent(ratio(each)).padStart(6)} of ceiling ` +
          `(app ${kReq(each.app.perSecond)} req/s p99 ${each.app.p99Ms} ms; ceiling ${kReq(each.ceiling.perSecond)} req/s)\n`,
      )
    }
    if (result.orders) {
      const { ordersPerSecond, p99Ms, orders, problems } = result.orders
      process.stdout.write(`${result.database.padEnd(10)} POST /api/orders: ${ordersPerSecond.toFixed(0)} orders/s, p99 ${p99Ms} ms, ${orders} orders, ${problems.length === 0 ? 'no oversell, no duplicates' : problems.join('; ')}\n`)
    }
  }
  if (!mode.short) {
    await writeReport(renderReport(results, mode, mode.postgres && !url, failures))
    process.stdout.write(`table written to ${path.relative(REPO, REPORT)}\n`)
  }
  if (failures.length > 0) {
    process.stderr.write(`bench: under target:\n${failures.map((failure) => `  ${failure}`).join('\n')}\n`)
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
