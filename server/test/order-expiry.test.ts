import { OrderSchema } from '../src/contract'
import { DEFAULT_ORDER_POLICY } from '../src/orders/place-order'
import { sweepOverdueOrders } from '../src/orders/expiry-sweeper'
import { call, login, TestClock } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyOf, expectError } from './support/http'
import { orderRequest, placeOrder, postOrder, stockLedger, stockOf } from './support/orders'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

const WINDOW_MS = DEFAULT_ORDER_POLICY.payWindowMs
const SKU = 'p006-1'

describe.each(databaseTargets())('unpaid orders expire on $name', (target) => {
  const clock = new TestClock()
  let ctx: CatalogApp
  let seeded: Record<string, number>
  beforeAll(async () => {
    ctx = await openCatalogApp(target, { now: clock.now })
    seeded = await stockLedger(ctx.db)
  }, 60_000)
  afterAll(async () => {
    await ctx.close()
  })
  afterEach(async () => {
    // Whatever a test did, no unit of stock was created or lost.
    expect(await stockLedger(ctx.db)).toEqual(seeded)
  })

  const statusOf = async (orderId: string): Promise<string | undefined> =>
    (await ctx.db.query<{ status: string }>('select status from orders where id = $1', [orderId]))[0]?.status

  test(`an unpaid order states its deadline (${WINDOW_MS / 60_000} minutes); after it, paying is 409 ORDER_EXPIRED and the stock is back`, async () => {
    const { token } = await login(ctx.app)
    const before = await stockOf(ctx.db, SKU)
    const order = await placeOrder(ctx.app, token, orderRequest({ items: [{ skuId: SKU, quantity: 2, unitPriceFen: 1590 }] }))
    expect(order.payBy).toBe(new Date(clock.now().getTime() + WINDOW_MS).toISOString())
    expect(await stockOf(ctx.db, SKU)).toBe(before - 2)

    clock.advance(WINDOW_MS)
    const error = expectError(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), 409, 'ORDER_EXPIRED')
    expect(error.error.message).toContain('超时')
    // The sweeper then cancels it and releases the stock, once; a second sweep finds nothing.
    expect(await sweepOverdueOrders(ctx.db, clock.now())).toBeGreaterThanOrEqual(1)
    expect(await sweepOverdueOrders(ctx.db, clock.now())).toBe(0)
    expect(await stockOf(ctx.db, SKU)).toBe(before)
    const shown = bodyOf(await call(ctx.app, 'GET', `/api/orders/${order.id}`, { token }), OrderSchema)
    expect(shown).toMatchObject({ status: 'cancelled', payBy: null, paidAt: null })
    expectError(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), 409, 'ORDER_EXPIRED')
  })

  test('a paid order never expires and keeps its stock', async () => {
    const { token } = await login(ctx.app)
    const order = await placeOrder(ctx.app, token)
    const paid = bodyOf(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), OrderSchema)
    expect(paid).toMatchObject({ status: 'paid', payBy: null })
    clock.advance(WINDOW_MS * 10)
    await sweepOverdueOrders(ctx.db, clock.now())
    expect(await statusOf(order.id)).toBe('paid')
  })

  test('sweeps running at the same time (several server processes) release each overdue order exactly once', async () => {
    const { token } = await login(ctx.app)
    const before = await stockOf(ctx.db, SKU)
    for (let i = 0; i < 3; i += 1) await placeOrder(ctx.app, token, orderRequest({ items: [{ skuId: SKU, quantity: 3, unitPriceFen: 1590 }] }))
    expect(await stockOf(ctx.db, SKU)).toBe(before - 9)
    clock.advance(WINDOW_MS + 1)
    const counts = await Promise.all(Array.from({ length: 4 }, () => sweepOverdueOrders(ctx.db, clock.now())))
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(3)
    expect(await stockOf(ctx.db, SKU)).toBe(before)
  })

  test('expiry racing a payment: each order ends either paid (stock kept) or cancelled (stock released), never both', async () => {
    const results = { paid: 0, expired: 0 }
    for (let round = 0; round < 8; round += 1) {
      const { token } = await login(ctx.app)
      const order = await placeOrder(ctx.app, token)
      // The payment arrives just inside the window while a sweeper already sees the deadline passed.
      const deadline = new Date(Date.parse(order.payBy ?? '') + 1)
      clock.advance(WINDOW_MS - 1)
      const [pay] = await Promise.all([
        call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }),
        sweepOverdueOrders(ctx.db, deadline),
      ])
      const status = await statusOf(order.id)
      if (pay.statusCode === 200) {
        expect(status).toBe('paid')
        results.paid += 1
      } else {
        expectError(pay, 409, 'ORDER_EXPIRED')
        expect(status).toBe('cancelled')
        results.expired += 1
      }
      clock.advance(1000)
    }
    expect(results.paid + results.expired).toBe(8)
  })

  test(`a member holds at most ${DEFAULT_ORDER_POLICY.maxUnpaidOrders} unpaid orders; the next is 409 UNPAID_LIMIT until one is paid or expires`, async () => {
    const { token } = await login(ctx.app)
    const orders = []
    for (let i = 0; i < DEFAULT_ORDER_POLICY.maxUnpaidOrders; i += 1) orders.push(await placeOrder(ctx.app, token))
    const stock = await stockOf(ctx.db, SKU)
    const refused = expectError(await postOrder(ctx.app, token, orderRequest()), 409, 'UNPAID_LIMIT')
    expect(refused.error.message).toContain('待支付订单')
    expect(await stockOf(ctx.db, SKU)).toBe(stock)

    const first = orders[0]
    if (!first) throw new Error('no order')
    expect((await call(ctx.app, 'POST', `/api/orders/${first.id}/pay`, { token })).statusCode).toBe(200)
    await placeOrder(ctx.app, token)
    expectError(await postOrder(ctx.app, token, orderRequest()), 409, 'UNPAID_LIMIT')

    // Once the deadline passes, the member's overdue orders are cancelled as the next order is placed.
    clock.advance(WINDOW_MS)
    await placeOrder(ctx.app, token)
  })

  const units = (quantity: number) => orderRequest({ items: [{ skuId: SKU, quantity, unitPriceFen: 1590 }] })
  const CAP = DEFAULT_ORDER_POLICY.maxUnpaidUnits

  test(`unpaid orders hold at most ${CAP} units per member: more is 409 UNPAID_UNITS_LIMIT saying how many are left, and takes no stock`, async () => {
    const { token } = await login(ctx.app)
    const first = await placeOrder(ctx.app, token, units(CAP - 20))
    const stock = await stockOf(ctx.db, SKU)
    const refused = expectError(await postOrder(ctx.app, token, units(21)), 409, 'UNPAID_UNITS_LIMIT')
    expect(refused.error.message).toBe(
      `待支付订单最多共 ${CAP} 件商品：您已有 ${CAP - 20} 件待支付，本单 21 件，最多还能下 20 件。请先支付或等待未支付订单 ${WINDOW_MS / 60_000} 分钟后自动取消`,
    )
    expect(await stockOf(ctx.db, SKU)).toBe(stock)
    await placeOrder(ctx.app, token, units(20)) // exactly the cap
    expect(expectError(await postOrder(ctx.app, token, units(1)), 409, 'UNPAID_UNITS_LIMIT').error.message).not.toContain('最多还能下')

    // Paying releases the member's allowance (not the stock: that is sold).
    expect((await call(ctx.app, 'POST', `/api/orders/${first.id}/pay`, { token })).statusCode).toBe(200)
    await placeOrder(ctx.app, token, units(CAP - 20))
    // So does expiry.
    clock.advance(WINDOW_MS)
    await placeOrder(ctx.app, token, units(CAP))
    clock.advance(WINDOW_MS)
  })

  test('the unit cap holds when one member places orders concurrently (checked under the user-row lock)', async () => {
    const { token } = await login(ctx.app)
    const stock = await stockOf(ctx.db, SKU)
    const half = Math.floor(CAP / 2) + 1
    const answers = await Promise.all(Array.from({ length: 4 }, () => postOrder(ctx.app, token, units(half))))
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409, 409])
    expect(await stockOf(ctx.db, SKU)).toBe(stock - half)
    clock.advance(WINDOW_MS)
  })
})
