import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import { openidOf } from '../accounts/users'
import { sessionOf } from '../auth/require-user'
import { Id, OrderSchema, PaymentStartSchema, type Order } from '../contract'
import { ApiError, notFound } from '../errors'
import { markPaid, orderExpired, type StatusChange } from '../orders/order-status'
import { getOrder } from '../orders/order-view'
import type { PaymentGateway } from '../payments/gateway'
import { settlePayment } from '../payments/settle'
import { NotificationRejected, WeChatPayGateway } from '../payments/wechatpay-gateway'
import { notifyStatusChange } from '../subscriptions/order-status-message'
import type { RouteContext } from './context'

export const WECHATPAY_NOTIFY_PATH = '/api/wechatpay/notify'

export interface PaymentRouteOptions extends RouteContext {
  /** null: no provider configured (real WeChat credentials outside production, no merchant): 503. */
  payments: PaymentGateway | null
}

const OrderParams = Type.Object({ id: Id })

function describe(order: Order): string {
  const first = order.items[0]?.name ?? '商品'
  return order.items.length > 1 ? `${first} 等 ${order.items.length} 件商品` : first
}

/**
 * Payment (WX-PAY-1). POST /api/orders/:id/payment starts paying with the configured provider.
 * Only with the sandbox provider does POST /api/orders/:id/pay exist, the sandbox's "confirm";
 * with WeChat Pay an order becomes paid only through the verified notification at
 * POST /api/wechatpay/notify — no client request can mark it paid.
 */
export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRouteOptions> = async (app, context) => {
  const { db, now, wechat, requireUser, payments } = context

  const ownOrder = async (request: FastifyRequest, orderId: string): Promise<Order> => {
    const order = await getOrder(db, sessionOf(request).userId, orderId)
    if (!order) throw notFound(`Order ${orderId} not found`)
    return order
  }
  const announce = async (log: FastifyBaseLogger, orderId: string, change: StatusChange): Promise<void> => {
    if (change.changed) await notifyStatusChange({ db, wechat, now, log }, orderId, change.status)
  }

  app.post(
    '/api/orders/:id/payment',
    { preHandler: requireUser, config: { body: 'none' }, schema: { params: OrderParams, response: { 200: PaymentStartSchema } } },
    async (request) => {
      const order = await ownOrder(request, request.params.id)
      if (order.status !== 'pending_payment') throw new ApiError(409, 'CONFLICT', '这笔订单无需支付，请刷新订单')
      if (order.payBy === null || Date.parse(order.payBy) <= now().getTime()) throw orderExpired()
      if (payments === null) throw new ApiError(503, 'PAYMENT_UNAVAILABLE', '支付暂时不可用，请稍后重试，订单已保留')
      const openid = await openidOf(db, sessionOf(request).userId)
      if (openid === null) throw notFound(`Order ${order.id} not found`)
      try {
        return await payments.start({ orderId: order.id, totalFen: order.totalFen, description: describe(order), openid, payBy: order.payBy })
      } catch (error) {
        if (error instanceof ApiError && 'detail' in error) request.log.error({ detail: error.detail }, 'payment provider failed')
        throw error
      }
    },
  )

  if (payments?.provider === 'sandbox') {
    /** The sandbox's confirm: nothing is charged. Absent with any real payment provider. */
    app.post(
      '/api/orders/:id/pay',
      { preHandler: requireUser, config: { body: 'none' }, schema: { params: OrderParams, response: { 200: OrderSchema } } },
      async (request) => {
        const { id } = request.params
        await announce(request.log, id, await markPaid(db, sessionOf(request).userId, id, now()))
        return ownOrder(request, id)
      },
    )
  }

  if (payments instanceof WeChatPayGateway) {
    const gateway = payments
    await app.register(async (scope) => {
      // The signature covers the exact bytes sent: keep the body as a string.
      scope.removeContentTypeParser('application/json')
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body))
      scope.post(WECHATPAY_NOTIFY_PATH, { config: { body: 'raw' } }, async (request, reply) => {
        const fail = (status: number, message: string) => reply.code(status).send({ code: 'FAIL', message })
        const raw = typeof request.body === 'string' ? request.body : ''
        let notice
        try {
          notice = gateway.verifyNotification(request.headers, raw)
        } catch (error) {
          if (!(error instanceof NotificationRejected)) throw error
          request.log.warn({ reason: error.reason }, 'WeChat Pay notification rejected')
          return fail(401, '签名验证失败')
        }
        const settlement = await settlePayment(db, notice, now())
        if (settlement.outcome === 'mismatch') {
          request.log.error({ reason: settlement.reason }, 'WeChat Pay notification does not match the order')
          return fail(400, '订单不匹配')
        }
        if (settlement.outcome === 'paid') await announce(request.log, notice.outTradeNo, settlement.change)
        return reply.code(204).send()
      })
    })
  }
}
