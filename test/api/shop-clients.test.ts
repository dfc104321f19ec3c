/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * The checkout-side API clients (outlets, phone, orders) against the real server in process: paths,
 * methods, bodies and the Bearer token as the contract says, response guards, and the error codes
 * the pages act on, each produced by the server itself (its prices, stock, sandbox WeChat errors,
 * revoked sessions). Only offline and a malformed body are scripted.
 */
import { ApiError, createHttpClient } from '@/services/api/http'
import { isOrder } from '@/services/api/generated/is-order'
import { isOutletList } from '@/services/api/generated/is-outlet-list'
import { createOrdersApi, endsAttempt, isCartConflict } from '@/services/api/orders'
import { createPhoneApi } from '@/services/api/phone'
import { createOutletsApi } from '@/services/api/outlets'
import { isMobileNumber, normalizePhone } from '@contract/rules'
import type { MyData, PlaceOrderRequest, ProductDetail } from '@contract/schemas'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { openServerForFile, signUpMember } from '../utils/server-backend'

const BASE = 'http://api.test'
const server = openServerForFile()

/** The API clients as the app builds them, for a fresh member of the server (or a visitor). */
async function setup(as: 'member' | 'visitor' = 'member') {
  const backend = server()
  const member = await signUpMember(backend.app)
  const token = as === 'member' ? member.session.token : null
  const unauthorized = jest.fn()
  const client = createHttpClient({ transport: backend.transport, baseUrl: BASE, auth: { token: () => token, onUnauthorized: unauthorized } })
  return { backend, member, unauthorized, outlets: createOutletsApi(client), phone: createPhoneApi(client), orders: createOrdersApi(client) }
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

const PRODUCT_ID = SEED_PRODUCTS[0]?.id ?? ''
const OUTLET_ID = SEED_OUTLETS[0]?.id ?? ''
const product = async () => (await server().app.inject({ method: 'GET', url: `/api/products/${PRODUCT_ID}` })).json<ProductDetail>()

/** A SKU the seeded shop has none of (the demo catalog keeps a few, for the sold-out states). */
async function soldOutSku() {
  for (const seed of SEED_PRODUCTS.filter((p) => p.skus.some((s) => s.stock === 0))) {
    const detail = (await server().app.inject({ method: 'GET', url: `/api/products/${seed.id}` })).json<ProductDetail>()
    const sku = detail.skus.find((s) => s.stock === 0)
    if (sku) return sku
  }
  throw new Error('the seeded shop has no sold-out SKU')
}

/** A pickup order of 2 of the product's first SKU at the server's price, with `changes`. */
async function pickupRequest(changes: { unitPriceFen?: number; quantity?: number; outletId?: string | null } = {}): Promise<PlaceOrderRequest> {
  const sku = (await product()).skus[0]
  if (!sku) throw new Error('seed product without SKUs')
  return {
    idempotencyKey: `ck_test_${Math.random().toString(36).slice(2, 10)}`,
    items: [{ skuId: sku.id, quantity: changes.quantity ?? 2, unitPriceFen: changes.unitPriceFen ?? sku.priceFen }],
    fulfilment: 'pickup',
    contact: { name: '王小明', phone: null, usePhoneOnFile: false },
    address: null,
    outletId: changes.outletId === undefined ? OUTLET_ID : changes.outletId,
    note: '',
  }
}

describe('outlets client', () => {
  it('lists outlets and cities; asks for the nearest with the point only in the query', async () => {
    const { backend, outlets } = await setup('visitor')
    const list = await outlets.list()
    expect(isOutletList(list)).toBe(true)
    expect(list.items.map((o) => o.id)).toEqual(SEED_OUTLETS.map((o) => o.id))
    expect(list.cities).toEqual([...new Set(SEED_OUTLETS.map((o) => o.city))])

    const nearest = await outlets.nearest({ latitude: 31.23, longitude: 121.47 })
    // Sorted by the server's distance, in metres.
    const distances = nearest.map((o) => o.distanceMeters)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(nearest[0]?.city).toBe('上海')
    expect(backend.requests).toEqual(['GET /api/outlets', 'GET /api/outlets/nearest?latitude=31.23&longitude=121.47'])
    expect(backend.calls[1]?.body).toBeUndefined()
  })

  it('saves and forgets the preferred outlet with PUT and the token', async () => {
    const { backend, member, outlets } = await setup()
    const saved = async () => (await member.call<MyData>('GET', '/api/me/data')).savedOutlet?.outletId ?? null
    await outlets.saveMyOutlet(OUTLET_ID)
    expect(await saved()).toBe(OUTLET_ID)
    await outlets.saveMyOutlet(null)
    expect(await saved()).toBeNull()
    expect(backend.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['PUT', '/api/me/outlet', { outletId: OUTLET_ID }],
      ['PUT', '/api/me/outlet', { outletId: null }],
    ])
    expect(backend.calls[0]?.headers.Authorization).toBe(`Bearer ${member.session.token}`)
  })

  it('rejects a outlet list that breaks the contract', async () => {
    const { backend, outlets } = await setup('visitor')
    backend.respond('/api/outlets', { status: 200, body: { items: [{ id: 's1', name: '店' }], cities: [] } })
    expect((await apiError(outlets.list())).kind).toBe('malformed')
  })
})

describe('phone client', () => {
  it('WX-PHONE-5: sends the button code to the server, which answers with the masked number only', async () => {
    const { backend, phone } = await setup()
    // The sandbox's WeChat gives 13800138000 for any valid code.
    await expect(phone.fromWechatCode('code-1')).resolves.toEqual({ masked: '138****8000', source: 'wechat' })
    expect(backend.calls[0]).toMatchObject({ method: 'POST', path: '/api/me/phone/wechat', body: { code: 'code-1' } })
  })

  it('WX-PHONE-5: 429 PHONE_QUOTA_EXCEEDED becomes a "type it by hand" message', async () => {
    const { phone } = await setup()
    // The sandbox answers this code with WeChat's errcode 1400001 (the day's phone quota is used up).
    const error = await apiError(phone.fromWechatCode('sandbox-phone-quota'))
    expect(error).toMatchObject({ status: 429, code: 'PHONE_QUOTA_EXCEEDED', message: '暂时无法获取微信手机号，请手动填写' })
  })

  it('WX-PHONE-3: saves a typed number (normalized) and deletes it with 204', async () => {
    const { backend, member, phone } = await setup()
    await expect(phone.saveManual('139 0000-0000')).resolves.toEqual({ masked: '139****0000', source: 'manual' })
    expect((await member.call<MyData>('GET', '/api/me/data')).phone).toMatchObject({ masked: '139****0000', source: 'manual' })
    await phone.remove()
    expect((await member.call<MyData>('GET', '/api/me/data')).phone).toBeNull()
    expect(backend.calls.map((c) => [c.method, c.body])).toEqual([['PUT', { phone: '13900000000' }], ['DELETE', undefined]])
  })

  it('WX-PHONE-3: validates mainland mobile numbers as typed', () => {
    expect(isMobileNumber('13800138000')).toBe(true)
    expect(isMobileNumber('138 0013 8000')).toBe(true)
    expect(normalizePhone('138-0013-8000')).toBe('13800138000')
    for (const bad of ['', '1380013800', '23800138000', '12800138000', '138001380001', 'abcdefghijk']) expect(isMobileNumber(bad)).toBe(false)
  })
})

describe('orders client', () => {
  it('places, pays, lists and reads orders with the token', async () => {
    const { backend, member, orders } = await setup()
    const request = await pickupRequest()
    const placed = await orders.place(request)
    expect(placed).toMatchObject({ status: 'pending_payment', fulfilment: 'pickup', totalFen: request.items[0] ? request.items[0].unitPriceFen * 2 : -1 })
    const paid = await orders.pay(placed.id)
    expect(paid).toMatchObject({ id: placed.id, status: 'paid' })
    await expect(orders.list({ page: 1, pageSize: 5 })).resolves.toMatchObject({ page: 1, pageSize: 5, total: 1, items: [{ id: placed.id, status: 'paid' }] })
    await expect(orders.get(placed.id)).resolves.toEqual(paid)

    expect(backend.requests).toEqual([
      'POST /api/orders',
      `POST /api/orders/${placed.id}/pay`,
      'GET /api/orders?page=1&pageSize=5',
      `GET /api/orders/${placed.id}`,
    ])
    expect(backend.calls[0]?.body).toEqual(request)
    expect(backend.calls.every((c) => c.headers.Authorization === `Bearer ${member.session.token}`)).toBe(true)
  })

  it('WX-SUB-3: reads the templates and posts the per-template results', async () => {
    const { backend, member, orders } = await setup()
    const placed = await orders.place(await pickupRequest())
    const templates = await orders.subscribeTemplates('pickup')
    const first = templates[0]
    if (!first) throw new Error('the server offers no templates')
    await orders.recordSubscriptions(placed.id, { [first.id]: 'reject' })
    expect(backend.calls.at(-1)).toMatchObject({ method: 'POST', path: `/api/orders/${placed.id}/subscriptions`, body: { results: { [first.id]: 'reject' } } })
    expect((await member.call<MyData>('GET', '/api/me/data')).subscriptions).toEqual([expect.objectContaining({ orderId: placed.id, templateId: first.id, decision: 'reject' })])
    // Path ids are encoded: an id with a space reaches the server as one segment, which it refuses as no order id.
    expect((await apiError(orders.recordSubscriptions('o 1', { [first.id]: 'reject' }))).status).toBe(400)
    expect(backend.calls.at(-1)?.path).toBe('/api/orders/o%201/subscriptions')
  })

  it('maps PRICE_CHANGED / OUT_OF_STOCK to cart conflicts that end the attempt; network errors keep it', async () => {
    const { backend, orders } = await setup()
    const sku = (await product()).skus[0]
    if (!sku) throw new Error('seed product without SKUs')

    const changed = await apiError(orders.place(await pickupRequest({ unitPriceFen: sku.priceFen + 1 })))
    expect(changed).toMatchObject({ status: 409, code: 'PRICE_CHANGED', message: '商品价格有变化，请确认后重新提交' })
    expect(isCartConflict(changed) && endsAttempt(changed)).toBe(true)
    const soldOut = await soldOutSku()
    const stock = await apiError(orders.place({ ...(await pickupRequest()), items: [{ skuId: soldOut.id, quantity: 1, unitPriceFen: soldOut.priceFen }] }))
    expect(stock).toMatchObject({ status: 409, code: 'OUT_OF_STOCK', message: '部分商品库存不足，请调整后重新提交' })
    expect(isCartConflict(stock)).toBe(true)
    // A pickup order without an outlet: the server's 400.
    const bad = await apiError(orders.place(await pickupRequest({ outletId: null })))
    expect(bad.status).toBe(400)
    expect(isCartConflict(bad)).toBe(false)
    expect(endsAttempt(bad)).toBe(true)
    backend.offline = true
    const offline = await apiError(orders.place(await pickupRequest()))
    expect(offline.kind).toBe('network')
    expect(endsAttempt(offline)).toBe(false)
    expect(endsAttempt(new ApiError({ kind: 'http', status: 503, detail: 'x' }))).toBe(false)
  })

  it('401 UNAUTHORIZED clears the session through the client hooks', async () => {
    const { member, orders, unauthorized } = await setup()
    // The server ends the session (a logout elsewhere): its next answer to this token is a real 401.
    await member.call('POST', '/api/auth/logout')
    expect((await apiError(orders.list())).status).toBe(401)
    expect(unauthorized).toHaveBeenCalledTimes(1)
  })

  it('order guard accepts the server\'s order and rejects missing fields and unknown statuses', async () => {
    const { orders } = await setup()
    const order = await orders.place(await pickupRequest())
    expect(isOrder(order)).toBe(true)
    expect(isOrder({ ...order, status: 'lost' })).toBe(false)
    expect(isOrder({ ...order, contact: { name: 'x' } })).toBe(false)
    expect(isOrder({ ...order, totalFen: -1 })).toBe(false)
  })
})
