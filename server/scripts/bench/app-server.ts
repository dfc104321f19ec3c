/**
 * The storefront server as main.ts builds it, on a throwaway database: in-memory PGlite, or a new
 * schema on the PostgreSQL at BENCH_DATABASE_URL (dropped on close). Request logs are off
 * (LOG_LEVEL=warn), as they are for the ceiling.
 *
 *   app-server.ts pglite | postgres      (forked by server/scripts/bench.ts)
 *
 * BENCH_SLOW_US=n makes every request spin the CPU for n µs first: `npm run bench -- --self-check`
 * uses it to show that the bench's verdict fails for an app that is really slower.
 */
import { buildApp } from '../../src/app'
import type { Database } from '../../src/db/database'
import { migrate } from '../../src/db/migrate'
import { openPglite } from '../../src/db/pglite'
import { openPostgresInNewSchema } from '../../src/db/postgres-schema'
import { unlimited } from '../../src/limits/rate-limits'
import { seedCatalog } from '../../src/seed/seed-catalog'
import { seedOutlets } from '../../src/seed/seed-outlets'
import { serveMessages } from './child-process'
import type { OrderCheck } from './protocol'

async function openDb(kind: string | undefined): Promise<{ db: Database; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite('memory://')
    return { db, dispose: () => db.close() }
  }
  const url = process.env.BENCH_DATABASE_URL
  if (kind === 'postgres' && url) return openPostgresInNewSchema(url, 'bench')
  throw new Error('usage: app-server.ts pglite | postgres (with BENCH_DATABASE_URL)')
}

async function checkOrders(db: Database, skuIds: readonly string[]): Promise<OrderCheck> {
  const stockRows = await db.query<{ id: string; stock: number }>('select id, stock from skus where id = any($1)', [skuIds])
  const orderedRows = await db.query<{ sku_id: string; units: number }>(
    'select sku_id, sum(quantity)::int as units from order_lines where sku_id = any($1) group by sku_id',
    [skuIds],
  )
  const [orders] = await db.query<{ n: number }>('select count(*)::int as n from orders')
  const [duplicates] = await db.query<{ n: number }>(
    'select count(*)::int as n from (select 1 from orders group by user_id, idempotency_key having count(*) > 1) d',
  )
  const negative = await db.query<{ id: string }>('select id from skus where stock < 0')
  return {
    negativeStock: negative.map((row) => row.id),
    stock: Object.fromEntries(stockRows.map((row) => [row.id, row.stock])),
    ordered: Object.fromEntries(orderedRows.map((row) => [row.sku_id, row.units])),
    orders: orders?.n ?? 0,
    duplicateKeys: duplicates?.n ?? 0,
  }
}

/** The PostgreSQL backends of this process's pool: bench.ts names its connections (application_name). */
async function backendPids(db: Database): Promise<number[]> {
  const rows = await db.query<{ pid: number }>(
    "select pid from pg_stat_activity where application_name = current_setting('application_name') and pid <> pg_backend_pid()",
  )
  const [own] = await db.query<{ pid: number }>('select pg_backend_pid() as pid')
  return [...rows.map((row) => row.pid), ...(own ? [own.pid] : [])]
}

/** Busy CPU for `us` microseconds: a slower app, not a waiting one. */
function spin(us: number): void {
  const until = process.hrtime.bigint() + BigInt(Math.round(us * 1000))
  while (process.hrtime.bigint() < until) {
    // spinning on purpose
  }
}

async function main(): Promise<void> {
  const { db, dispose } = await openDb(process.argv[2])
  await migrate(db)
  await seedCatalog(db)
  await seedOutlets(db)
  // Throughput of the code and database, not of the abuse limits: with them on, one bench member
  // got 60 orders and then only 429/409 answers (per-member order rate and unpaid-order cap).
  const app = await buildApp({
    db,
    logger: { level: 'warn' },
    rateLimits: unlimited(),
    orderPolicy: { payWindowMs: 15 * 60_000, maxUnpaidOrders: Number.MAX_SAFE_INTEGER, maxUnpaidUnits: Number.MAX_SAFE_INTEGER },
  })
  const slowUs = Number(process.env.BENCH_SLOW_US ?? 0)
  if (slowUs > 0) app.server.prependListener('request', () => spin(slowUs))
  await app.listen({ host: '127.0.0.1', port: 0 })

  serveMessages(async (message) => {
    switch (message.type) {
      case 'set-stock':
        await db.transaction(async (tx) => {
          for (const [id, stock] of Object.entries(message.stock)) await tx.query('update skus set stock = $2 where id = $1', [id, stock])
        })
        return { type: 'ok' }
      case 'database-pids':
        return { type: 'pids', pids: process.argv[2] === 'postgres' ? await backendPids(db) : [] }
      case 'check-orders':
        return { type: 'orders-checked', check: await checkOrders(db, message.skuIds) }
      case 'close':
        // app.close() returns once requests still running have finished (buildApp drains them),
        // so the database is not closed under a request the load left behind.
        await app.close()
        await dispose()
        return 'exit'
      default:
        throw new Error(`the app server does not handle ${message.type}`)
    }
  })
  const address = app.server.address()
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 })
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exit(1)
})
