/**
 * Sequential latency of two catalog endpoints against a running server on this machine.
 *
 *   npx tsx server/scripts/bench.ts [requests]        # default 500 per endpoint, at most 5000
 *   BENCH_URL=http://127.0.0.1:3030 npx tsx server/scripts/bench.ts
 *
 * Loopback only: it is a measuring tool, not a load generator for other hosts.
 */
import { performance } from 'node:perf_hooks'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const MAX_REQUESTS = 5000
const WARM_UP = 20

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

async function main(): Promise<void> {
  const base = new URL(process.env.BENCH_URL ?? 'http://127.0.0.1:3030')
  if (!LOOPBACK.has(base.hostname)) throw new Error(`BENCH_URL must point at this machine, got ${base.hostname}`)
  const requested = Number(process.argv[2] ?? 500)
  if (!Number.isInteger(requested) || requested < 1) throw new Error('requests must be a positive integer')
  const requests = Math.min(requested, MAX_REQUESTS)

  const health = await fetch(new URL('/api/health', base))
  const database = ((await health.json()) as { database?: string }).database ?? 'unknown'
  process.stdout.write(`${requests} sequential requests per endpoint against ${base.origin} (${database})\n`)
  process.stdout.write('endpoint                    p50 ms   p95 ms   p99 ms   max ms\n')
  for (const path of ['/api/products', '/api/products/p001']) {
    const samples = await measure(new URL(path, base).toString(), requests)
    const cells = [50, 95, 99, 100].map((p) => percentile(samples, p).toFixed(2).padStart(8))
    process.stdout.write(`${path.padEnd(26)}${cells.join(' ')}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
