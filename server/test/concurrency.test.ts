/**
 * Concurrency on both databases (issue 11, item 4): account deletion racing order placement for the
 * same user, other users ordering and paying at the same time, and the expiry sweeper. No request
 * may answer 500; every unit of stock is accounted for afterwards (shelf + live orders = seeded,
 * checked by SQL).
 */
import { sweepOverdueOrders } from '../src/orders/expiry-sweeper'
import { call, login, TestClock } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { orderRequest, placeOrder, postOrder, stockLedger } from './support/orders'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

const ROUNDS = 6
/** Two lines in either order, so two transactions could lock the same SKUs in opposite order. */
const LINES = [
  [
    { skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 },
    { skuId: 'p001-1', quantity: 1, unitPriceFen: 3990 },
  ],
  [
    { skuId: 'p001-1', quantity: 1, unitPriceFen: 3990 },
    { skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 },
  ],
]
const ALLOWED = new Set([200, 201, 204, 401, 409, 503])

describe.each(databaseTargets())('concurrent mix on $name', (target) => {
  const clock = new TestClock()
  let ctx: CatalogApp
  beforeAll(async () => {
    ctx = await openCatalogApp(target, { now: clock.now, orderPolicy: { payWindowMs: 15 * 60_000, maxUnpaidOrders: 50, maxUnpaidUnits: 100_000 } })
  }, 60_000)
  afterAll(async () => {
    await ctx.close()
  })

  test('deleting an account while it places orders, others order and pay, and the sweeper runs: no 500, stock conserved', async () => {
    const seeded = await stockLedger(ctx.db)
    const statuses: number[] = []
    let deleted = 0
    for (let round = 0; round < ROUNDS; round += 1) {
      const leaving = await login(ctx.app)
      const staying = await login(ctx.app)
      await placeOrder(ctx.app, leaving.token, orderRequest({ items: LINES[0] ?? [] }))
      const overdue = await placeOrder(ctx.app, staying.token)
      const order = (token: string, i: number) => postOrder(ctx.app, token, orderRequest({ items: LINES[i % 2] ?? [] }))
      const answers = await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => order(leaving.token, i)),
        call(ctx.app, 'DELETE', '/api/me', { token: leaving.token }),
        ...Array.from({ length: 3 }, (_, i) => order(staying.token, i + 1)),
        (async () => {
          const placed = await order(staying.token, 0)
          if (placed.statusCode !== 201) return placed
          return call(ctx.app, 'POST', `/api/orders/${placed.json<{ id: string }>().id}/pay`, { token: staying.token })
        })(),
        sweepOverdueOrders(ctx.db, new Date(Date.parse(overdue.payBy ?? '') + 1)).then(() => ({ statusCode: 200 })),
      ])
      for (const answer of answers) statuses.push(answer.statusCode)
      const [user] = await ctx.db.query<{ n: number }>('select count(*)::int as n from users where id = $1', [leaving.user.id])
      if (user?.n === 0) deleted += 1
      clock.advance(1000)
    }
    expect(statuses.filter((status) => !ALLOWED.has(status))).toEqual([])
    // A deletion retried past its attempts would be 503 (and the user still there); here every one went through.
    expect(deleted).toBe(ROUNDS)
    expect(await stockLedger(ctx.db)).toEqual(seeded)
    const [negative] = await ctx.db.query<{ n: number }>('select count(*)::int as n from skus where stock < 0')
    expect(negative?.n).toBe(0)
  })
})
