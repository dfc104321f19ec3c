import { arrayOf, isInteger, isPageOf, isRecord, isString, type Guard } from './guards'
import { ApiError, isNoContent, type HttpClient } from './http'
import type {
  Fulfilment,
  Order,
  OrderLine,
  OrderStatus,
  OrderSummary,
  Page,
  PaymentStart,
  PlaceOrderRequest,
  RequestPaymentParams,
  SubscribeDecisionValue,
  SubscribeTemplate,
} from './types'
import { isStore } from './stores'

const STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled']
const FULFILMENTS: readonly Fulfilment[] = ['delivery', 'pickup']

const isStatus = (v: unknown): v is OrderStatus => STATUSES.includes(v as OrderStatus)
const isFulfilment = (v: unknown): v is Fulfilment => FULFILMENTS.includes(v as Fulfilment)
const isNullableString = (v: unknown): v is string | null => v === null || isString(v)

export const isOrderLine: Guard<OrderLine> = (v): v is OrderLine =>
  isRecord(v) && isString(v.skuId) && isString(v.productId) && isString(v.name) && isString(v.skuName) &&
  isInteger(v.unitPriceFen) && isInteger(v.quantity) && isString(v.image)

export const isOrder: Guard<Order> = (v): v is Order =>
  isRecord(v) &&
  isString(v.id) &&
  isStatus(v.status) &&
  isFulfilment(v.fulfilment) &&
  arrayOf(isOrderLine)(v.items) &&
  isInteger(v.itemsFen) &&
  isInteger(v.deliveryFen) &&
  isInteger(v.totalFen) &&
  isRecord(v.contact) && isString(v.contact.name) && isNullableString(v.contact.phoneMasked) &&
  (v.address === null || (isRecord(v.address) && isString(v.address.city) && isString(v.address.detail))) &&
  (v.store === null || isStore(v.store)) &&
  isString(v.note) &&
  isString(v.createdAt) &&
  isNullableString(v.paidAt) &&
  isNullableString(v.payBy)

export const isOrderSummary: Guard<OrderSummary> = (v): v is OrderSummary =>
  isRecord(v) && isString(v.id) && isStatus(v.status) && isFulfilment(v.fulfilment) && isInteger(v.totalFen) &&
  isInteger(v.itemCount) && isString(v.firstItemName) && isString(v.image) && isString(v.createdAt)

const isTemplateList: Guard<{ items: SubscribeTemplate[] }> = (v): v is { items: SubscribeTemplate[] } =>
  isRecord(v) && arrayOf((t: unknown): t is SubscribeTemplate => isRecord(t) && isString(t.id) && isString(t.title))(v.items)

const isOrderPage = isPageOf(isOrderSummary)

const isRequestPaymentParams: Guard<RequestPaymentParams> = (v): v is RequestPaymentParams =>
  isRecord(v) && isString(v.timeStamp) && isString(v.nonceStr) && isString(v.package) && v.signType === 'RSA' && isString(v.paySign)

export const isPaymentStart: Guard<PaymentStart> = (v): v is PaymentStart =>
  isRecord(v) && (v.provider === 'sandbox' || (v.provider === 'wechatpay' && isRequestPaymentParams(v.request)))

/** POST /api/orders/:id/subscriptions body: the user's choice per template, as WeChat reported it (WX-SUB-3). */
export interface SubscriptionResults {
  results: Record<string, SubscribeDecisionValue>
}

/** 409s that mean "the cart the user saw is out of date": refresh the lines, keep the form. */
export function isCartConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'PRICE_CHANGED' || error.code === 'OUT_OF_STOCK')
}

/**
 * True when the server refused the order as sent (bad input, a 409 conflict): nothing was created
 * and the next submit is a new attempt with a new idempotency key. After anything else (no answer,
 * a 5xx, an expired login) the retry reuses the key, so a lost response can never make two orders.
 */
export function endsAttempt(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && (error.status === 400 || error.status === 404 || error.status === 409)
}

/** Orders and their subscribe messages. Every call needs an account (Bearer token from the session, wired in app-root.ts). */
export interface OrdersApi {
  place(request: PlaceOrderRequest): Promise<Order>
  /** Starts paying: which provider, and for WeChat Pay the signed Taro.requestPayment parameters. */
  startPayment(orderId: string): Promise<PaymentStart>
  /** The sandbox's confirm (the route exists only when the server runs the WeChat sandbox). */
  pay(orderId: string): Promise<Order>
  list(params?: { page?: number; pageSize?: number }): Promise<Page<OrderSummary>>
  get(orderId: string): Promise<Order>
  /** Order-status templates (at most 3) for the 订阅发货通知 button; with a kind, only those that fit it (WX-SUB-5). */
  subscribeTemplates(fulfilment?: Fulfilment): Promise<SubscribeTemplate[]>
  recordSubscriptions(orderId: string, results: SubscriptionResults['results']): Promise<void>
}

const orderPath = (id: string) => `/api/orders/${encodeURIComponent(id)}`

export function createOrdersApi(client: HttpClient): OrdersApi {
  return {
    place: (request) => client.request({ method: 'POST', path: '/api/orders', body: request }, isOrder),
    startPayment: (orderId) => client.request({ method: 'POST', path: `${orderPath(orderId)}/payment` }, isPaymentStart),
    pay: (orderId) => client.request({ method: 'POST', path: `${orderPath(orderId)}/pay` }, isOrder),
    list: ({ page = 1, pageSize = 10 } = {}) => client.get('/api/orders', { page, pageSize }, isOrderPage),
    get: (orderId) => client.get(orderPath(orderId), {}, isOrder),
    async subscribeTemplates(fulfilment) {
      const body = await client.get('/api/subscribe/templates', fulfilment ? { fulfilment } : {}, isTemplateList)
      return body.items
    },
    async recordSubscriptions(orderId, results) {
      const body: SubscriptionResults = { results }
      await client.request({ method: 'POST', path: `${orderPath(orderId)}/subscriptions`, body }, isNoContent)
    },
  }
}
