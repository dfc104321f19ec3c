import { randomBytes } from 'node:crypto'
import { charCount as chars, deliveryFeeFen, TEXT_LIMITS, type Order, type Outlet, type PlaceOrderRequest } from '../contract'
import { lockUser } from '../accounts/user-lock'
import type { Database, Queryable } from '../db/database'
import { transactionWithRetry } from '../db/pg-errors'
import { ApiError, badRequest } from '../errors'
import type { PhoneCipher } from '../phones/phone-cipher'
import { getEncryptedPhone, maskMobile, normalizeMobile } from '../phones/phones'
import { getOutlet } from '../outlets/outlets'
import { findOrderIdByKey, getOrder, toOrder } from './order-view'
import { yuan } from './pricing'
import { bySkuId, cancelOverdueOrders } from './stock-release'

/** How long an unpaid order holds its stock, and how many such orders (and units in them) one member may hold. */
export interface OrderPolicy {
  payWindowMs: number
  maxUnpaidOrders: number
  /**
   * Units across all of a member's unpaid orders, this one included: without it 3 orders × 20
   * lines × 99 could hold ~5,900 units for the whole pay window (issue 11).
   */
  maxUnpaidUnits: number
}

export const DEFAULT_ORDER_POLICY: OrderPolicy = { payWindowMs: 15 * 60 * 1000, maxUnpaidOrders: 3, maxUnpaidUnits: 60 }

export const newOrderId = (): string => `o${randomBytes(10).toString('hex')}`

const { contactName: CONTACT_NAME_MAX, city: CITY_MAX, addressDetail: ADDRESS_DETAIL_MAX, note: NOTE_MAX } = TEXT_LIMITS

/** What is stored, after the request passed every check that needs no stock. */
interface CheckedOrder {
  contactName: string
  phone: { encrypted: string; masked: string } | null
  address: { city: string; detail: string } | null
  outlet: Outlet | null
  note: string
}

/** Trimmed text without control characters (line breaks only where allowed). */
function cleanText(raw: string, label: string, allowLineBreaks = false): string {
  const text = raw.trim()
  // [^\P{Cc}\n]: a control character other than a line break.
  const forbidden = allowLineBreaks ? /[^\P{Cc}\n]/u : /\p{Cc}/u
  if (forbidden.test(text)) throw badRequest(`${label}不能包含控制字符`)
  return text
}

/** Fulfilment rules (WX-LAUNCH-3: pickup never needs, and never outlets, a phone). Messages are shown in the app. */
async function checkRequest(db: Queryable, cipher: PhoneCipher, userId: string, request: PlaceOrderRequest): Promise<CheckedOrder> {
  const skuIds = request.items.map((item) => item.skuId)
  if (new Set(skuIds).size !== skuIds.length) throw badRequest('items: each skuId may appear only once')
  const note = cleanText(request.note, '备注', true)
  if (chars(note) > NOTE_MAX) throw badRequest(`备注不能超过 ${NOTE_MAX} 个字`)
  const contactName = cleanText(request.contact.name, '联系人姓名')
  if (chars(contactName) > CONTACT_NAME_MAX) throw badRequest(`联系人姓名不能超过 ${CONTACT_NAME_MAX} 个字`)

  if (request.fulfilment === 'pickup') {
    if (request.outletId === null) throw badRequest('自提订单需要选择门店')
    const outlet = await getOutlet(db, request.outletId)
    if (outlet === null) throw badRequest(`门店 ${request.outletId} 不存在，请重新选择`)
    return { contactName, phone: null, address: null, outlet, note }
  }

  if (contactName === '') throw badRequest('配送订单需要填写联系人姓名')
  const city = request.address ? cleanText(request.address.city, '城市') : ''
  const detail = request.address ? cleanText(request.address.detail, '详细地址') : ''
  if (city === '' || detail === '') throw badRequest('配送订单需要填写收货地址（城市和详细地址）')
  if (chars(city) > CITY_MAX || chars(detail) > ADDRESS_DETAIL_MAX) {
    throw badRequest(`收货地址过长：城市最多 ${CITY_MAX} 个字，详细地址最多 ${ADDRESS_DETAIL_MAX} 个字`)
  }
  return { contactName, phone: await deliveryPhone(db, cipher, userId, request.contact), address: { city, detail }, outlet: null, note }
}

/** A typed number wins; otherwise the number on file, copied still encrypted (WX-PHONE-3). */
async function deliveryPhone(
  db: Queryable,
  cipher: PhoneCipher,
  userId: string,
  contact: PlaceOrderRequest['contact'],
): Promise<{ encrypted: string; masked: string }> {
  if (contact.phone !== null) {
    const mobile = normalizeMobile(contact.phone)
    if (mobile === null) throw badRequest('请填写正确的中国大陆手机号（11 位，以 1 开头）')
    return { encrypted: cipher.encrypt(mobile, userId), masked: maskMobile(mobile) }
  }
  const onFile = contact.usePhoneOnFile ? await getEncryptedPhone(db, userId) : null
  if (onFile === null) throw badRequest('配送订单需要联系电话：请填写手机号，或使用微信绑定的手机号')
  return onFile
}

interface SkuRow {
  id: string
  product_id: string
  name: string
  sku_name: string
  price_fen: number
  is_listed: boolean
}

const label = (sku: SkuRow): string => `${sku.name}（${sku.sku_name}）`

/**
 * Prices come from the database, never from the client: a line whose price the user saw differs
 * is refused with 409 PRICE_CHANGED listing every change, so the user confirms the new total.
 */
async function priceLines(tx: Queryable, request: PlaceOrderRequest): Promise<Map<string, SkuRow>> {
  const rows = await tx.query<SkuRow>(
    `select s.id, s.product_id, p.name, s.name as sku_name, s.price_fen, p.is_listed
     from skus s join products p on p.id = s.product_id where s.id = any($1::text[])`,
    [request.items.map((item) => item.skuId)],
  )
  const skus = new Map(rows.map((row) => [row.id, row]))
  const changes: string[] = []
  for (const item of request.items) {
    const sku = skus.get(item.skuId)
    if (!sku) throw badRequest(`SKU ${item.skuId} does not exist`)
    if (!sku.is_listed) throw new ApiError(409, 'OUT_OF_STOCK', `${label(sku)}已下架，请从购物车移除后重新提交`)
    if (sku.price_fen !== item.unitPriceFen) changes.push(`${label(sku)} ${yuan(item.unitPriceFen)} → ${yuan(sku.price_fen)}`)
  }
  if (changes.length > 0) throw new ApiError(409, 'PRICE_CHANGED', `商品价格有变化：${changes.join('；')}。请确认后重新提交`)
  return skus
}

/**
 * Takes the stock, line by line in SKU lock order (bySkuId, shared with every release, so two
 * transactions never wait on each other's rows in opposite order). The guarded UPDATE is atomic:
 * under any concurrency stock never goes below 0.
 */
async function takeStock(tx: Queryable, request: PlaceOrderRequest, skus: Map<string, SkuRow>): Promise<void> {
  const lines = [...request.items].sort(bySkuId)
  for (const line of lines) {
    const taken = await tx.query('update skus set stock = stock - $2 where id = $1 and stock >= $2 returning stock', [
      line.skuId,
      line.quantity,
    ])
    if (taken.length === 0) {
      const [row] = await tx.query<{ stock: number }>('select stock from skus where id = $1', [line.skuId])
      const sku = skus.get(line.skuId)
      const left = row?.stock ?? 0
      const name = sku ? label(sku) : line.skuId
      throw new ApiError(409, 'OUT_OF_STOCK', left > 0 ? `库存不足：${name}仅剩 ${left} 件` : `库存不足：${name}已售罄`)
    }
  }
}

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505' &&
  'constraint' in error && error.constraint === 'orders_user_id_idempotency_key_key'

export interface PlacedOrder {
  order: Order
  /** false when the idempotency key had been used: this is the first order, unchanged. */
  created: boolean
}

/**
 * A member's own overdue orders are cancelled first (their stock comes back at once, even if the
 * sweeper has not run yet); then at most maxUnpaidOrders may still wait for payment, so one
 * account cannot hold the shop's stock (issue 11: 6 requests used to reserve all of it).
 */
async function checkUnpaidLimit(tx: Queryable, userId: string, request: PlaceOrderRequest, now: Date, policy: OrderPolicy): Promise<void> {
  const countUnpaid = async () => {
    const [row] = await tx.query<{ orders: number; units: number; overdue: number }>(
      `select count(distinct o.id)::int as orders, coalesce(sum(l.quantity), 0)::int as units,
         count(distinct o.id) filter (where o.pay_by <= $2::timestamptz)::int as overdue
       from orders o left join order_lines l on l.order_id = o.id
       where o.user_id = $1 and o.status = 'pending_payment'`,
      [userId, now.toISOString()],
    )
    return row
  }
  let row = await countUnpaid()
  // Usually none are overdue: the cancelling UPDATE (and the recount) run only when some are (issue 13, orders hot path).
  if ((row?.overdue ?? 0) > 0) {
    await cancelOverdueOrders(tx, now, { userId, limit: 100 })
    row = await countUnpaid()
  }
  const minutes = Math.round(policy.payWindowMs / 60_000)
  if ((row?.orders ?? 0) >= policy.maxUnpaidOrders) {
    throw new ApiError(409, 'UNPAID_LIMIT', `您有 ${policy.maxUnpaidOrders} 笔待支付订单，请先支付或取消后再下单（未支付订单 ${minutes} 分钟后自动取消）`)
  }
  const held = row?.units ?? 0
  const wanted = request.items.reduce((sum, item) => sum + item.quantity, 0)
  if (held + wanted > policy.maxUnpaidUnits) {
    const room = Math.max(0, policy.maxUnpaidUnits - held)
    throw new ApiError(
      409,
      'UNPAID_UNITS_LIMIT',
      `待支付订单最多共 ${policy.maxUnpaidUnits} 件商品：您已有 ${held} 件待支付，本单 ${wanted} 件` +
        `${room > 0 ? `，最多还能下 ${room} 件` : ''}。请先支付或等待未支付订单 ${minutes} 分钟后自动取消`,
    )
  }
}

export async function placeOrder(
  db: Database,
  cipher: PhoneCipher,
  userId: string,
  request: PlaceOrderRequest,
  now: Date,
  policy: OrderPolicy = DEFAULT_ORDER_POLICY,
): Promise<PlacedOrder> {
  const existing = async (): Promise<PlacedOrder | null> => {
    const id = await findOrderIdByKey(db, userId, request.idempotencyKey)
    const order = id === null ? null : await getOrder(db, userId, id)
    return order ? { order, created: false } : null
  }
  const repeat = await existing()
  if (repeat) return repeat

  const checked = await checkRequest(db, cipher, userId, request)
  let orderId = newOrderId()
  let created = true
  // Set inside the transaction (its last attempt, when retried).
  const stored: { placed: Placed | null } = { placed: null }
  try {
    // Lock order: the user row, then the order, then SKUs (see lockUser in user-lock.ts, bySkuId).
    await transactionWithRetry(db, async (tx) => {
      await lockUser(tx, userId)
      // A concurrent double tap waited on the user lock: it gets the first order, not a limit error.
      // A statement of its own, started after the lock: one that waited for the lock does not see
      // rows committed meanwhile in the tables it joins (test: double-tap-lock.test.ts).
      const prior = await findOrderIdByKey(tx, userId, request.idempotencyKey)
      if (prior !== null) {
        orderId = prior
        created = false
        return
      }
      await checkUnpaidLimit(tx, userId, request, now, policy)
      const skus = await priceLines(tx, request)
      const itemsFen = request.items.reduce((sum, item) => sum + (skus.get(item.skuId)?.price_fen ?? 0) * item.quantity, 0)
      const deliveryFen = deliveryFeeFen(itemsFen, request.fulfilment)
      stored.placed = { itemsFen, deliveryFen, skus }
      // The order row first: it claims the idempotency key, so a concurrent duplicate waits here
      // and then fails on the unique key instead of taking stock a second time.
      await tx.query(
        `insert into orders (id, user_id, idempotency_key, status, fulfilment, items_fen, delivery_fen, total_fen,
           contact_name, phone_enc, phone_masked, address_city, address_detail, outlet_id, note, created_at, updated_at, pay_by)
         values ($1, $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::timestamptz, $15::timestamptz,
           $16::timestamptz)`,
        [
          orderId,
          userId,
          request.idempotencyKey,
          request.fulfilment,
          itemsFen,
          deliveryFen,
          itemsFen + deliveryFen,
          checked.contactName,
          checked.phone?.encrypted ?? null,
          checked.phone?.masked ?? null,
          checked.address?.city ?? null,
          checked.address?.detail ?? null,
          checked.outlet?.id ?? null,
          checked.note,
          now.toISOString(),
          new Date(now.getTime() + policy.payWindowMs).toISOString(),
        ],
      )
      await takeStock(tx, request, skus)
      for (const [position, item] of request.items.entries()) {
        const sku = skus.get(item.skuId)
        if (!sku) throw new Error('priced SKU missing')
        await tx.query(
          `insert into order_lines (order_id, user_id, position, sku_id, product_id, name, sku_name, unit_price_fen, quantity)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [orderId, userId, position, sku.id, sku.product_id, sku.name, sku.sku_name, sku.price_fen, item.quantity],
        )
      }
    })
  } catch (error) {
    if (isDuplicateKey(error)) {
      const first = await existing()
      if (first) return first
    }
    throw error
  }
  const { placed } = stored
  if (!created || placed === null) {
    const order = await getOrder(db, userId, orderId)
    if (!order) throw new Error('order vanished after placing it')
    return { order, created }
  }
  // The new order as stored, from what this transaction wrote (the same mapping as getOrder), without reading it back.
  return { order: placedView(orderId, request, checked, placed, now, policy), created }
}

/** What the transaction stored for a new order: totals and the priced lines. */
interface Placed {
  itemsFen: number
  deliveryFen: number
  skus: Map<string, SkuRow>
}

function placedView(orderId: string, request: PlaceOrderRequest, checked: CheckedOrder, placed: Placed, now: Date, policy: OrderPolicy): Order {
  const lines = request.items.map((item) => {
    const sku = placed.skus.get(item.skuId)
    if (!sku) throw new Error('priced SKU missing')
    return { sku_id: sku.id, product_id: sku.product_id, name: sku.name, sku_name: sku.sku_name, unit_price_fen: sku.price_fen, quantity: item.quantity }
  })
  const row = {
    id: orderId,
    status: 'pending_payment' as const,
    fulfilment: request.fulfilment,
    items_fen: placed.itemsFen,
    delivery_fen: placed.deliveryFen,
    total_fen: placed.itemsFen + placed.deliveryFen,
    contact_name: checked.contactName,
    phone_masked: checked.phone?.masked ?? null,
    address_city: checked.address?.city ?? null,
    address_detail: checked.address?.detail ?? null,
    note: checked.note,
    created_at: now,
    paid_at: null,
    pay_by: new Date(now.getTime() + policy.payWindowMs),
  }
  return toOrder(row, lines, checked.outlet)
}
