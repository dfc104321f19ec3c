import { deliveryFeeFen, isMobileNumber } from '@contract/rules'
import type { LoginResponse, Order, OrderSummary, PlaceOrderRequest, Outlet, SubscribeTemplate, UserProfile } from '@contract/schemas'
import type { FakeBackend, RouteRequest, Scripted } from './fake-backend'
import { PRODUCTS } from './fixtures'

/**
 * The checkout half of the backend (outlets, phone, subscribe templates, orders, login) as
 * stateful routes on a FakeBackend, with the server's rules as the contract states them: prices
 * and stock are checked (409 PRICE_CHANGED / OUT_OF_STOCK), one idempotency key makes one order,
 * delivery needs an address and a phone, pickup a outlet and no phone, every call needs the token.
 */

export const OUTLETS: Outlet[] = [
  { id: 's_sh_1', name: '人民广场店', city: '上海', address: '黄浦区南京东路 100 号', latitude: 31.2335, longitude: 121.4753, hours: '09:00-21:00' },
  { id: 's_sh_2', name: '徐家汇店', city: '上海', address: '徐汇区漕溪北路 8 号', latitude: 31.1955, longitude: 121.4375, hours: '10:00-22:00' },
  { id: 's_hz_1', name: '西湖店', city: '杭州', address: '上城区湖滨路 3 号', latitude: 30.2587, longitude: 120.1649, hours: '09:00-21:00' },
  { id: 's_bj_1', name: '国贸店', city: '北京', address: '朝阳区建国门外大街 1 号', latitude: 39.9087, longitude: 116.4606, hours: '09:00-22:00' },
]

export const TEMPLATES: SubscribeTemplate[] = [
  { id: 'tmpl_shipped', title: '订单发货通知' },
  { id: 'tmpl_pickup', title: '自提提醒' },
  { id: 'tmpl_status', title: '订单状态变更' },
]

export const SHOP_TOKEN = 'shop-token'
export const SHOP_USER: UserProfile = { id: 'u_shop', nickname: null, avatarUrl: null, phoneMasked: null, createdAt: '2026-11-21T08:00:00.000Z' }

export const ORDER_FIXTURE: Order = {
  id: 'o_0001',
  status: 'pending_payment',
  fulfilment: 'pickup',
  items: [{ skuId: 'p001-5', productId: 'p001', name: '烟台红富士苹果', skuName: '5斤装', unitPriceFen: 3990, quantity: 2, image: '/api/images/products/p001/0.png' }],
  itemsFen: 7980,
  deliveryFen: 0,
  totalFen: 7980,
  contact: { name: '王小明', phoneMasked: null },
  address: null,
  outlet: OUTLETS[0] ?? null,
  note: '',
  createdAt: '2026-11-21T08:30:00.000Z',
  paidAt: null,
  payBy: '2026-11-21T08:45:00.000Z',
}

function error(status: number, code: string, message: string): Scripted {
  return { status, body: { error: { code, message } } }
}

function mask(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** Rough planar distance in metres; enough to order the fixture outlets. */
function distance(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dy = (a.latitude - b.latitude) * 111_000
  const dx = (a.longitude - b.longitude) * 111_000 * Math.cos((a.latitude * Math.PI) / 180)
  return Math.round(Math.sqrt(dx * dx + dy * dy))
}

export interface FakeShop {
  readonly orders: Order[]
  /** What each POST /api/orders carried, in order (including refused ones). */
  readonly placeRequests: PlaceOrderRequest[]
  readonly subscriptions: Array<{ orderId: string; results: unknown }>
  /** The member's phone on file (plain, as the server would hold it encrypted). */
  phoneOnFile: string | null
  savedOutletId: string | null | undefined
  /** Server-side price / stock changes (the catalog's product detail follows them). */
  setPrice(skuId: string, priceFen: number): void
  setStock(skuId: string, stock: number): void
  templates: SubscribeTemplate[]
  /** The server's payment provider: the sandbox (POST …/pay exists) or WeChat Pay (it does not). */
  paymentProvider: 'sandbox' | 'wechatpay'
}

/** What the server signs for Taro.requestPayment (the fake's values are only shaped like it). */
export const FAKE_PAY_PARAMS = { timeStamp: '1795000000', nonceStr: 'NONCE', package: 'prepay_id=wx_fake', signType: 'RSA', paySign: 'c2lnbmVk' } as const

export function installShop(backend: FakeBackend, options: { user?: UserProfile } = {}): FakeShop {
  const prices = new Map<string, number>()
  const stock = new Map<string, number>()
  const byKey = new Map<string, Order>()
  let user: UserProfile = options.user ?? SHOP_USER
  const shop: FakeShop = {
    orders: [],
    placeRequests: [],
    subscriptions: [],
    phoneOnFile: null,
    savedOutletId: undefined,
    templates: [...TEMPLATES],
    paymentProvider: 'sandbox',
    setPrice: (skuId, fen) => void prices.set(skuId, fen),
    setStock: (skuId, n) => void stock.set(skuId, n),
  }

  const authed = (handler: (request: RouteRequest) => Scripted) => (request: RouteRequest): Scripted =>
    request.headers.Authorization === `Bearer ${SHOP_TOKEN}` ? handler(request) : error(401, 'UNAUTHORIZED', 'login required')

  const sku = (skuId: string) => {
    for (const product of PRODUCTS) {
      const found = product.skus.find((s) => s.id === skuId)
      if (found) return { product, priceFen: prices.get(skuId) ?? found.priceFen, stock: stock.get(skuId) ?? found.stock, name: found.name }
    }
    return null
  }

  backend.route('GET', /^\/api\/products\/([^/]+)$/, ({ params }) => {
    const product = PRODUCTS.find((p) => p.id === params[0])
    if (!product) return error(404, 'NOT_FOUND', 'no such product')
    const skus = product.skus.map((s) => ({ ...s, priceFen: prices.get(s.id) ?? s.priceFen, stock: stock.get(s.id) ?? s.stock }))
    return { status: 200, body: { ...product, skus } }
  })

  backend.route('POST', '/api/auth/login', ({ body }) => {
    const code = (body as { code?: unknown } | undefined)?.code
    if (typeof code !== 'string' || code === '') return error(400, 'BAD_REQUEST', 'code required')
    user = { ...user, phoneMasked: shop.phoneOnFile ? mask(shop.phoneOnFile) : null }
    const login: LoginResponse = { token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user }
    return { status: 200, body: login }
  })

  backend.route('GET', '/api/outlets', () => ({ status: 200, body: { items: OUTLETS, cities: [...new Set(OUTLETS.map((s) => s.city))] } }))
  backend.route('GET', '/api/outlets/nearest', ({ query }) => {
    const point = { latitude: Number(query.get('latitude')), longitude: Number(query.get('longitude')) }
    if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude) || query.get('latitude') === null) {
      return error(400, 'BAD_REQUEST', 'latitude and longitude required')
    }
    const items = OUTLETS.map((s) => ({ ...s, distanceMeters: distance(point, s) })).sort((a, b) => a.distanceMeters - b.distanceMeters)
    return { status: 200, body: { items: items.slice(0, 5) } }
  })
  backend.route('PUT', '/api/me/outlet', authed(({ body }) => {
    shop.savedOutletId = (body as { outletId: string | null }).outletId
    return { status: 204, body: '' }
  }))

  backend.route('POST', '/api/me/phone/wechat', authed(({ body }) => {
    const code = (body as { code?: unknown }).code
    if (typeof code !== 'string' || code === '') return error(400, 'BAD_REQUEST', 'code required')
    shop.phoneOnFile = '13800138000'
    return { status: 200, body: { masked: mask(shop.phoneOnFile), source: 'wechat' } }
  }))
  backend.route('PUT', '/api/me/phone', authed(({ body }) => {
    shop.phoneOnFile = String((body as { phone: unknown }).phone)
    return { status: 200, body: { masked: mask(shop.phoneOnFile), source: 'manual' } }
  }))
  backend.route('DELETE', '/api/me/phone', authed(() => {
    shop.phoneOnFile = null
    return { status: 204, body: '' }
  }))

  backend.route('GET', '/api/subscribe/templates', authed(() => ({ status: 200, body: { items: shop.templates } })))

  backend.route('POST', '/api/orders', authed(({ body }) => {
    const request = body as PlaceOrderRequest
    shop.placeRequests.push(request)
    const existing = byKey.get(request.idempotencyKey)
    if (existing) return { status: 200, body: existing }
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(request.idempotencyKey)) return error(400, 'BAD_REQUEST', 'bad idempotencyKey')
    const lines = []
    for (const item of request.items) {
      const found = sku(item.skuId)
      if (!found) return error(400, 'BAD_REQUEST', `unknown sku ${item.skuId}`)
      if (found.priceFen !== item.unitPriceFen) return error(409, 'PRICE_CHANGED', `price of ${item.skuId} changed`)
      if (found.stock < item.quantity) return error(409, 'OUT_OF_STOCK', `not enough ${item.skuId}`)
      lines.push({ skuId: item.skuId, productId: found.product.id, name: found.product.name, skuName: found.name, unitPriceFen: found.priceFen, quantity: item.quantity, image: found.product.image })
    }
    const name = request.contact.name.trim()
    if (name === '' && request.fulfilment === 'delivery') return error(400, 'BAD_REQUEST', 'contact name required')
    let phoneMasked: string | null = null
    if (request.contact.phone) {
      if (!isMobileNumber(request.contact.phone)) return error(400, 'BAD_REQUEST', 'bad phone')
      phoneMasked = mask(request.contact.phone)
    } else if (request.contact.usePhoneOnFile) {
      if (!shop.phoneOnFile) return error(400, 'BAD_REQUEST', 'no phone on file')
      phoneMasked = mask(shop.phoneOnFile)
    }
    let outlet: Outlet | null = null
    if (request.fulfilment === 'delivery') {
      if (!request.address || request.address.city.trim() === '' || request.address.detail.trim() === '') return error(400, 'BAD_REQUEST', 'address required')
      if (!phoneMasked) return error(400, 'BAD_REQUEST', 'phone required for delivery')
    } else {
      outlet = OUTLETS.find((s) => s.id === request.outletId) ?? null
      if (!outlet) return error(400, 'BAD_REQUEST', 'outlet required for pickup')
    }
    const itemsFen = lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0)
    const deliveryFen = deliveryFeeFen(itemsFen, request.fulfilment)
    const order: Order = {
      id: `o_${String(shop.orders.length + 1).padStart(4, '0')}`,
      status: 'pending_payment',
      fulfilment: request.fulfilment,
      items: lines,
      itemsFen,
      deliveryFen,
      totalFen: itemsFen + deliveryFen,
      contact: { name, phoneMasked },
      address: request.fulfilment === 'delivery' ? request.address : null,
      outlet,
      note: request.note,
      createdAt: new Date(Date.UTC(2026, 10, 21, 9, shop.orders.length)).toISOString(),
      paidAt: null,
      payBy: new Date(Date.UTC(2026, 10, 21, 9, shop.orders.length + 15)).toISOString(),
    }
    shop.orders.push(order)
    byKey.set(request.idempotencyKey, order)
    return { status: 201, body: order }
  }))

  const findOrder = (id: string | undefined) => shop.orders.find((o) => o.id === id)

  backend.route('POST', /^\/api\/orders\/([^/]+)\/payment$/, authed(({ params }) => {
    const order = findOrder(params[0])
    if (!order) return error(404, 'NOT_FOUND', 'no such order')
    if (order.status !== 'pending_payment') return error(409, 'CONFLICT', '这笔订单无需支付，请刷新订单')
    return { status: 200, body: shop.paymentProvider === 'sandbox' ? { provider: 'sandbox' } : { provider: 'wechatpay', request: FAKE_PAY_PARAMS } }
  }))
  backend.route('POST', /^\/api\/orders\/([^/]+)\/pay$/, authed(({ params }) => {
    const order = findOrder(params[0])
    if (!order || shop.paymentProvider !== 'sandbox') return error(404, 'NOT_FOUND', 'no such order')
    if (order.status === 'pending_payment') {
      order.status = 'paid'
      order.paidAt = '2026-11-21T09:30:00.000Z'
      order.payBy = null
    }
    return { status: 200, body: order }
  }))
  backend.route('POST', /^\/api\/orders\/([^/]+)\/subscriptions$/, authed(({ params, body }) => {
    if (!findOrder(params[0])) return error(404, 'NOT_FOUND', 'no such order')
    shop.subscriptions.push({ orderId: params[0] ?? '', results: (body as { results: unknown }).results })
    return { status: 204, body: '' }
  }))
  backend.route('GET', /^\/api\/orders\/([^/]+)$/, authed(({ params }) => {
    const order = findOrder(params[0])
    return order ? { status: 200, body: order } : error(404, 'NOT_FOUND', 'no such order')
  }))
  backend.route('GET', '/api/orders', authed(({ query }) => {
    const page = Number(query.get('page') ?? '1')
    const pageSize = Number(query.get('pageSize') ?? '10')
    const newestFirst = [...shop.orders].reverse()
    const items: OrderSummary[] = newestFirst.slice((page - 1) * pageSize, page * pageSize).map((o) => ({
      id: o.id,
      status: o.status,
      fulfilment: o.fulfilment,
      totalFen: o.totalFen,
      itemCount: o.items.reduce((sum, line) => sum + line.quantity, 0),
      firstItemName: o.items[0]?.name ?? '',
      image: o.items[0]?.image ?? '',
      createdAt: o.createdAt,
    }))
    return { status: 200, body: { items, page, pageSize, total: shop.orders.length } }
  }))

  return shop
}
