/**
 * Sequential latency of two catalog endpoints against a running server on this machine, and with
 * --orders of POST /api/orders too.
 *
 *   npx tsx server/scripts/bench.ts [requests]            # default 500 per endpoint, at most 5000
 *   npx tsx server/scripts/bench.ts [requests] --orders   # also place orders (at most 1000)
 *   BENCH_URL=http://127.0.0.1:3030 npx tsx server/scripts/bench.ts
 *
 * --orders logs in through the WeChat sandbox and places real pickup orders, which take stock: run
 * it against a throwaway server (PGLITE_DIR=memory:// npx tsx server/src/main.ts), never one
 * holding data you keep. Loopback only: it is a measuring tool, not a load generator for other hosts.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const MAX_REQUESTS = 5000
const MAX_ORDERS = 1000
const WARM_UP = 20
/** Products with plenty of stock; orders take one unit at a time, round-robin over their SKUs. */
const ORDER_PRODUCTS = ['p006', 'p008', 'p015', 'p027', 'p009', 'p034', 'p002', 'p035']

function percentile(sorted: readonly number[], p: number): number {
  // Nearest-rank: the smallest value with at least p% of samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN
}

async function timeOnce(url: string): Promise<number> {
  const start = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer() // include the body transfer
  const elapsed = performance.now() - start
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return elapsed
}

async function measure(url: string, requests: number): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await timeOnce(url)
  const samples: number[] = []
  for (let i = 0; i < requests; i++) samples.push(await timeOnce(url))
  return samples.sort((a, b) => a - b)
}

interface Sellable {
  skuId: string
  priceFen: number
  stock: number
}

async function sellableSkus(base: URL): Promise<Sellable[]> {
  const skus: Sellable[] = []
  for (const id of ORDER_PRODUCTS) {
    const product = (await (await fetch(new URL(`/api/products/${id}`, base))).json()) as { skus?: { id: string; priceFen: number; stock: number }[] }
    for (const sku of product.skus ?? []) if (sku.stock > 0) skus.push({ skuId: sku.id, priceFen: sku.priceFen, stock: sku.stock })
  }
  return skus
}

/** Sequential pickup orders of one unit each, with a fresh idempotency key every time. */
async function measureOrders(base: URL, requests: number): Promise<number[]> {
  const login = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `bench_${randomBytes(6).toString('hex')}` }),
  })
  if (login.status !== 200) throw new Error(`sandbox login answered ${login.status}; --orders needs a server without WECHAT_APPID`)
  const { token } = (await login.json()) as { token: string }
  const skus = await sellableSkus(base)
  const available = skus.reduce((sum, sku) => sum + sku.stock, 0)
  const total = Math.min(requests + WARM_UP, available)
  if (total <= WARM_UP) throw new Error('not enough stock left to measure orders; restart the throwaway server')
  const samples: number[] = []
  for (let i = 0; i < total; i++) {
    const inStock = skus.filter((candidate) => candidate.stock > 0)
    const sku = inStock[i % Math.max(inStock.length, 1)]
    if (!sku) break
    const body = JSON.stringify({
      idempotencyKey: `bench-${randomBytes(8).toString('hex')}`,
      items: [{ skuId: sku.skuId, quantity: 1, unitPriceFen: sku.priceFen }],
      fulfilment: 'pickup',
      contact: { name: '', phone: null, usePhoneOnFile: false },
      address: null,
      storeId: 'sh-jingan',
      note: '',
    })
    const start = performance.now()
    const response = await fetch(new URL('/api/orders', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    })
    await response.arrayBuffer()
    const elapsed = performance.now() - start
    if (response.status !== 201) throw new Error(`POST /api/orders answered ${response.status}`)
    sku.stock -= 1
    if (i >= WARM_UP) samples.push(elapsed)
  }
  return samples.sort((a, b) => a - b)
}

function printRow(label: string, samples: readonly number[]): void {
  const cells = [50, 95, 99, 100].map((p) => percentile(samples, p).toFixed(2).padStart(8))
  process.stdout.write(`${label.padEnd(26)}${cells.join(' ')}   n=${samples.length}\n`)
}

async function main(): Promise<void> {
  const base = new URL(process.env.BENCH_URL ?? 'http://127.0.0.1:3030')
  if (!LOOPBACK.has(base.hostname)) throw new Error(`BENCH_URL must point at this machine, got ${base.hostname}`)
  const args = process.argv.slice(2)
  const withOrders = args.includes('--orders')
  const requested = Number(args.find((arg) => !arg.startsWith('--')) ?? 500)
  if (!Number.isInteger(requested) || requested < 1) throw new Error('requests must be a positive integer')
  const requests = Math.min(requested, MAX_REQUESTS)

  const health = await fetch(new URL('/api/health', base))
  const database = ((await health.json()) as { database?: string }).database ?? 'unknown'
  process.stdout.write(`${requests} sequential requests per endpoint against ${base.origin} (${database})\n`)
  process.stdout.write('endpoint                    p50 ms   p95 ms   p99 ms   max ms\n')
  for (const path of ['/api/products', '/api/products/p001']) {
    printRow(path, await measure(new URL(path, base).toString(), requests))
  }
  if (withOrders) printRow('POST /api/orders', await measureOrders(base, Math.min(requests, MAX_ORDERS)))
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
