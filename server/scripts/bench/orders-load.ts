import { randomBytes } from 'node:crypto'
import type { BenchChild } from './child-process'
import { runLoad } from './load'
import type { OrderCheck } from './protocol'

/** SKUs the orders take from: one scarce (it must sell out exactly), the rest plentiful. */
const SCARCE_SKU = { id: 'p015-1', stock: 40 }
const PLENTIFUL_SKUS = ['p006-1', 'p008-1', 'p027-1', 'p009-1']
const PLENTY = 1_000_000
const USERS = 20
/** Every REPLAY_EVERY-th request of a connection resends its previous idempotency key (a retried submit). */
const REPLAY_EVERY = 5
/** Every SCARCE_EVERY-th new order asks for the scarce SKU. */
const SCARCE_EVERY = 4

export interface OrdersResult {
  ordersPerSecond: number
  p99Ms: number
  statuses: Record<string, number>
  orders: number
  /** Problems found after the run: oversold stock, duplicate orders. Empty when all is well. */
  problems: string[]
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `bench_${randomBytes(8).toString('hex')}` }),
  })
  if (response.status !== 200) throw new Error(`sandbox login answered ${response.status}`)
  return ((await response.json()) as { token: string }).token
}

async function pricesOf(base: string, skuIds: readonly string[]): Promise<Map<string, number>> {
  const prices = new Map<string, number>()
  for (const productId of new Set(skuIds.map((id) => id.split('-')[0]))) {
    const product = (await (await fetch(`${base}/api/products/${productId}`)).json()) as { skus: { id: string; priceFen: number }[] }
    for (const sku of product.skus) prices.set(sku.id, sku.priceFen)
  }
  return prices
}

interface ConnectionState {
  token?: string
  sent: number
  key: string
}

/**
 * POST /api/orders from `connections` connections for `seconds`: pickup orders of one unit, a fresh
 * idempotency key each (some resent on purpose), one SKU in four the scarce one. Afterwards the
 * database must show: stock taken == units in order lines for every SKU, no negative stock, one
 * order per key, and exactly one order per key that was answered with success.
 */
export async function runOrdersLoad<T>(
  app: BenchChild,
  connections: number,
  seconds: number,
  /** Called once the orders still running at the end of the load have finished (e.g. to read CPU time). */
  afterLoad: () => Promise<T>,
): Promise<OrdersResult & { afterLoad: T }> {
  const skuIds = [SCARCE_SKU.id, ...PLENTIFUL_SKUS]
  const initial: Record<string, number> = Object.fromEntries(skuIds.map((id) => [id, id === SCARCE_SKU.id ? SCARCE_SKU.stock : PLENTY]))
  await app.ask({ type: 'set-stock', stock: initial })
  const before = await checkOrders(app, skuIds)
  const prices = await pricesOf(app.baseUrl, skuIds)
  const tokens = await Promise.all(Array.from({ length: USERS }, () => login(app.baseUrl)))
  let nextToken = 0
  let nextOrder = 0
  /** Order id answered for each (user, key): a replay must get the first order back, never a second. */
  const answered = new Map<string, string>()
  const replayProblems: string[] = []

  const load = await runLoad({
    url: `${app.baseUrl}/api/orders`,
    connections,
    seconds,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const state = context as ConnectionState
          state.token ??= tokens[nextToken++ % tokens.length]
          state.sent = (state.sent ?? 0) + 1
          if (!state.key || state.sent % REPLAY_EVERY !== 0) state.key = `bench-${randomBytes(8).toString('hex')}`
          const order = nextOrder++
          const skuId = order % SCARCE_EVERY === 0 ? SCARCE_SKU.id : (PLENTIFUL_SKUS[order % PLENTIFUL_SKUS.length] ?? SCARCE_SKU.id)
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${state.token ?? ''}` },
            body: JSON.stringify({
              idempotencyKey: state.key,
              items: [{ skuId, quantity: 1, unitPriceFen: prices.get(skuId) ?? 0 }],
              fulfilment: 'pickup',
              contact: { name: '', phone: null, usePhoneOnFile: false },
              address: null,
              outletId: 'sh-jingan',
              note: '',
            }),
          }
        },
        onResponse: (status, body, context) => {
          if (status < 200 || status >= 300) return
          const state = context as ConnectionState
          const key = `${state.token ?? ''} ${state.key}`
          const orderId = (JSON.parse(body) as { id: string }).id
          const first = answered.get(key)
          if (first === undefined) answered.set(key, orderId)
          else if (first !== orderId && replayProblems.length < 5) replayProblems.push(`a resent key got order ${orderId} after ${first}`)
        },
      },
    ],
  })

  const after = await settledOrders(app, skuIds)
  const measured = await afterLoad()
  const problems: string[] = [...replayProblems]
  if (after.negativeStock.length > 0) problems.push(`negative stock: ${after.negativeStock.join(', ')}`)
  for (const id of skuIds) {
    const taken = (before.stock[id] ?? 0) - (after.stock[id] ?? 0)
    const ordered = (after.ordered[id] ?? 0) - (before.ordered[id] ?? 0)
    if (taken !== ordered) problems.push(`${id}: stock went down by ${taken} but orders hold ${ordered} units`)
  }
  if ((after.stock[SCARCE_SKU.id] ?? -1) < 0) problems.push(`${SCARCE_SKU.id} oversold`)
  if (after.duplicateKeys > 0) problems.push(`${after.duplicateKeys} idempotency keys hold more than one order`)
  const created = after.orders - before.orders
  // Requests still in flight when the load stops, and requests autocannon gave up on (timeouts), are
  // completed by the server but never answered: one per connection plus one per timeout at most.
  const unanswered = created - new Set(answered.values()).size
  if (unanswered < 0 || unanswered > connections + load.errors) {
    problems.push(`${created} orders created, ${answered.size} answered with success, ${load.errors} timed out`)
  }
  return { ordersPerSecond: created / seconds, p99Ms: load.p99Ms, statuses: load.statuses, orders: created, problems, afterLoad: measured }
}

/** The database once requests still running after the load have finished (two equal checks in a row). */
async function settledOrders(app: BenchChild, skuIds: string[]): Promise<OrderCheck> {
  let previous = await checkOrders(app, skuIds)
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const current = await checkOrders(app, skuIds)
    if (JSON.stringify(current) === JSON.stringify(previous)) return current
    previous = current
  }
  throw new Error('orders kept changing for 30 s after the load stopped')
}

async function checkOrders(app: BenchChild, skuIds: string[]): Promise<OrderCheck> {
  const reply = await app.ask({ type: 'check-orders', skuIds })
  if (reply.type !== 'orders-checked') throw new Error(`unexpected reply ${reply.type}`)
  return reply.check
}
