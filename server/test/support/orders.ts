import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { OrderSchema, type Order, type PlaceOrderRequest } from '../../src/contract'
import type { Queryable } from '../../src/db/database'
import { call } from './accounts'
import { bodyOf } from './http'

export { stockLedger } from '../../src/orders/stock-ledger'

export const newIdempotencyKey = (): string => `checkout-${randomBytes(8).toString('hex')}`

/** A pickup order of one 国产香蕉 1.5kg (¥15.90) at 静安寺店; override what a test is about. */
export function orderRequest(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return {
    idempotencyKey: newIdempotencyKey(),
    items: [{ skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 }],
    fulfilment: 'pickup',
    contact: { name: '', phone: null, usePhoneOnFile: false },
    address: null,
    outletId: 'sh-jingan',
    note: '',
    ...overrides,
  }
}

/** A delivery order with a typed phone and an address. */
export function deliveryRequest(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return orderRequest({
    fulfilment: 'delivery',
    outletId: null,
    contact: { name: '王小明', phone: '13912345678', usePhoneOnFile: false },
    address: { city: '上海', detail: '静安区南京西路 100 弄 8 号 601' },
    ...overrides,
  })
}

export function postOrder(app: FastifyInstance, token: string, request: unknown): Promise<LightMyRequestResponse> {
  return call(app, 'POST', '/api/orders', { token, json: request })
}

/** Places an order that must succeed (201). */
export async function placeOrder(app: FastifyInstance, token: string, request: PlaceOrderRequest = orderRequest()): Promise<Order> {
  const response = await postOrder(app, token, request)
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 })
  return bodyOf(response, OrderSchema)
}

export async function stockOf(db: Queryable, skuId: string): Promise<number> {
  const [row] = await db.query<{ stock: number }>('select stock from skus where id = $1', [skuId])
  if (!row) throw new Error(`no SKU ${skuId}`)
  return row.stock
}

export async function setStock(db: Queryable, skuId: string, stock: number): Promise<void> {
  await db.query('update skus set stock = $2 where id = $1', [skuId, stock])
}

