import type { Fulfilment, Order, OrderPage, PaymentStart, PlaceOrderRequest, SubscribeTemplate, SubscriptionResults } from '@contract/schemas'
import { isOrder } from './generated/is-order'
import { isOrderPage } from './generated/is-order-page'
import { isPaymentStart } from './generated/is-payment-start'
import { isSubscribeTemplateList } from './generated/is-subscribe-template-list'
import { ApiError, isNoContent, type HttpClient } from './http'

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
  list(params?: { page?: number; pageSize?: number }): Promise<OrderPage>
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
      const body = await client.get('/api/subscribe/templates', fulfilment ? { fulfilment } : {}, isSubscribeTemplateList)
      return body.items
    },
    async recordSubscriptions(orderId, results) {
      const body: SubscriptionResults = { results }
      await client.request({ method: 'POST', path: `${orderPath(orderId)}/subscriptions`, body }, isNoContent)
    },
  }
}
