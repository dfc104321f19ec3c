/**
 * The checkout-side API clients (outlets, phone, orders) against the fake backend: paths, methods,
 * bodies and the Bearer token as the contract says, response guards, and the error codes the
 * pages act on.
 */
import { ApiError, createHttpClient } from '@/services/api/http'
import { isOrder } from '@/services/api/generated/is-order'
import { isOutletList } from '@/services/api/generated/is-outlet-list'
import { createOrdersApi, endsAttempt, isCartConflict } from '@/services/api/orders'
import { createPhoneApi } from '@/services/api/phone'
import { createOutletsApi } from '@/services/api/outlets'
import { isMobileNumber, normalizePhone } from '@contract/rules'
import type { Order, PlaceOrderRequest } from '@contract/schemas'
import { createFakeBackend } from '../utils/fake-backend'
import { ORDER_FIXTURE, OUTLETS } from '../utils/fake-shop'

const BASE = 'http://api.test'

function setup(token: string | null = 'tok-1') {
  const backend = createFakeBackend()
  const unauthorized = jest.fn()
  const client = createHttpClient({ transport: backend.transport, baseUrl: BASE, auth: { token: () => token, onUnauthorized: unauthorized } })
  return { backend, unauthorized, outlets: createOutletsApi(client), phone: createPhoneApi(client), orders: createOrdersApi(client) }
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

const REQUEST: PlaceOrderRequest = {
  idempotencyKey: 'ck_test_0001',
  items: [{ skuId: 'p001-5', quantity: 2, unitPriceFen: 3990 }],
  fulfilment: 'pickup',
  contact: { name: '王小明', phone: null, usePhoneOnFile: false },
  address: null,
  outletId: 's_sh_1',
  note: '',
}

describe('outlets client', () => {
  it('lists outlets and cities; asks for the nearest with the point only in the query', async () => {
    const { backend, outlets } = setup(null)
    backend.respond('/api/outlets', { status: 200, body: { items: OUTLETS, cities: ['上海', '杭州'] } })
    const list = await outlets.list()
    expect(isOutletList(list)).toBe(true)
    expect(list.cities).toEqual(['上海', '杭州'])

    backend.respond('/api/outlets/nearest', { status: 200, body: { items: [{ ...OUTLETS[0], distanceMeters: 850 }] } })
    const nearest = await outlets.nearest({ latitude: 31.23, longitude: 121.47 })
    expect(nearest[0]?.distanceMeters).toBe(850)
    expect(backend.requests).toEqual(['GET /api/outlets', 'GET /api/outlets/nearest?latitude=31.23&longitude=121.47'])
    expect(backend.calls[1]?.body).toBeUndefined()
  })

  it('saves and forgets the preferred outlet with PUT and the token', async () => {
    const { backend, outlets } = setup()
    backend.respond('/api/me/outlet', { status: 204, body: '' }, 2)
    await outlets.saveMyOutlet('s_sh_1')
    await outlets.saveMyOutlet(null)
    expect(backend.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['PUT', '/api/me/outlet', { outletId: 's_sh_1' }],
      ['PUT', '/api/me/outlet', { outletId: null }],
    ])
    expect(backend.calls[0]?.headers.Authorization).toBe('Bearer tok-1')
  })

  it('rejects a outlet list that breaks the contract', async () => {
    const { backend, outlets } = setup(null)
    backend.respond('/api/outlets', { status: 200, body: { items: [{ id: 's1', name: '店' }], cities: [] } })
    expect((await apiError(outlets.list())).kind).toBe('malformed')
  })
})

describe('phone client', () => {
  it('WX-PHONE-5: sends the button code to the server, which answers with the masked number only', async () => {
    const { backend, phone } = setup()
    backend.respond('/api/me/phone/wechat', { status: 200, body: { masked: '138****8000', source: 'wechat' } })
    await expect(phone.fromWechatCode('code-1')).resolves.toEqual({ masked: '138****8000', source: 'wechat' })
    expect(backend.calls[0]).toMatchObject({ method: 'POST', path: '/api/me/phone/wechat', body: { code: 'code-1' } })
  })

  it('WX-PHONE-5: 429 PHONE_QUOTA_EXCEEDED becomes a "type it by hand" message', async () => {
    const { backend, phone } = setup()
    backend.respond('/api/me/phone/wechat', { status: 429, body: { error: { code: 'PHONE_QUOTA_EXCEEDED', message: 'quota' } } })
    const error = await apiError(phone.fromWechatCode('code-2'))
    expect(error).toMatchObject({ status: 429, code: 'PHONE_QUOTA_EXCEEDED', message: '暂时无法获取微信手机号，请手动填写' })
  })

  it('WX-PHONE-3: saves a typed number (normalized) and deletes it with 204', async () => {
    const { backend, phone } = setup()
    backend.respond('/api/me/phone', { status: 200, body: { masked: '139****0000', source: 'manual' } })
    backend.respond('/api/me/phone', { status: 204, body: '' })
    await expect(phone.saveManual('139 0000-0000')).resolves.toMatchObject({ source: 'manual' })
    await phone.remove()
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
    const { backend, orders } = setup()
    const paid: Order = { ...ORDER_FIXTURE, status: 'paid', paidAt: '2026-11-21T09:00:00.000Z', payBy: null }
    backend.respond('/api/orders', { status: 201, body: ORDER_FIXTURE })
    backend.respond(/\/pay$/, { status: 200, body: paid })
    backend.respond('/api/orders', { status: 200, body: { items: [], page: 2, pageSize: 5, total: 5 } })
    backend.respond(/^\/api\/orders\/[^/]+$/, { status: 200, body: paid })

    await expect(orders.place(REQUEST)).resolves.toEqual(ORDER_FIXTURE)
    await expect(orders.pay(ORDER_FIXTURE.id)).resolves.toMatchObject({ status: 'paid' })
    await expect(orders.list({ page: 2, pageSize: 5 })).resolves.toMatchObject({ page: 2, total: 5 })
    await expect(orders.get(ORDER_FIXTURE.id)).resolves.toEqual(paid)

    expect(backend.requests).toEqual([
      'POST /api/orders',
      `POST /api/orders/${ORDER_FIXTURE.id}/pay`,
      'GET /api/orders?page=2&pageSize=5',
      `GET /api/orders/${ORDER_FIXTURE.id}`,
    ])
    expect(backend.calls[0]?.body).toEqual(REQUEST)
    expect(backend.calls.every((c) => c.headers.Authorization === 'Bearer tok-1')).toBe(true)
  })

  it('WX-SUB-3: reads the templates and posts the per-template results', async () => {
    const { backend, orders } = setup()
    backend.respond('/api/subscribe/templates', { status: 200, body: { items: [{ id: 't1', title: '发货通知' }] } })
    backend.respond(/\/subscriptions$/, { status: 204, body: '' })
    await expect(orders.subscribeTemplates()).resolves.toEqual([{ id: 't1', title: '发货通知' }])
    await orders.recordSubscriptions('o 1', { t1: 'reject' })
    expect(backend.calls[1]).toMatchObject({ method: 'POST', path: '/api/orders/o%201/subscriptions', body: { results: { t1: 'reject' } } })
  })

  it('maps PRICE_CHANGED / OUT_OF_STOCK to cart conflicts that end the attempt; network errors keep it', async () => {
    const { backend, orders } = setup()
    backend.respond('/api/orders', { status: 409, body: { error: { code: 'PRICE_CHANGED', message: 'x' } } })
    backend.respond('/api/orders', { status: 409, body: { error: { code: 'OUT_OF_STOCK', message: 'x' } } })
    backend.respond('/api/orders', { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'x' } } })
    backend.respond('/api/orders', 'network')

    const changed = await apiError(orders.place(REQUEST))
    expect(changed.message).toBe('商品价格有变化，请确认后重新提交')
    expect(isCartConflict(changed) && endsAttempt(changed)).toBe(true)
    const stock = await apiError(orders.place(REQUEST))
    expect(stock.message).toBe('部分商品库存不足，请调整后重新提交')
    expect(isCartConflict(stock)).toBe(true)
    const bad = await apiError(orders.place(REQUEST))
    expect(isCartConflict(bad)).toBe(false)
    expect(endsAttempt(bad)).toBe(true)
    const offline = await apiError(orders.place(REQUEST))
    expect(endsAttempt(offline)).toBe(false)
    expect(endsAttempt(new ApiError({ kind: 'http', status: 503, detail: 'x' }))).toBe(false)
  })

  it('401 UNAUTHORIZED clears the session through the client hooks', async () => {
    const { backend, orders, unauthorized } = setup()
    backend.respond('/api/orders', { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'expired' } } })
    expect((await apiError(orders.list())).status).toBe(401)
    expect(unauthorized).toHaveBeenCalledTimes(1)
  })

  it('order guard rejects missing fields and unknown statuses', () => {
    expect(isOrder(ORDER_FIXTURE)).toBe(true)
    expect(isOrder({ ...ORDER_FIXTURE, status: 'lost' })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, contact: { name: 'x' } })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, totalFen: -1 })).toBe(false)
  })
})
