import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { sessionOf } from '../auth/require-user'
import { Id, OrderPageSchema, OrderSchema, PlaceOrderRequestSchema, type Order } from '../contract'
import { notFound } from '../errors'
import { advanceStatus, type StatusChange } from '../orders/order-status'
import { getOrder, listOrders } from '../orders/order-view'
import { placeOrder } from '../orders/place-order'
import { parseBody } from '../strict-body'
import { notifyStatusChange } from '../subscriptions/order-status-message'
import type { RouteContext } from './context'

export const ORDER_PAGE_SIZE_MAX = 50

const OrderParams = Type.Object({ id: Id })

/** Orders belong to their user: another user's order answers 404, exactly like a missing one. */
export const orderRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, context) => {
  const { db, now, wechat, requireUser, phoneCipher, devRoutes, orderPolicy, limiter } = context
  const withOrder = { preHandler: requireUser, schema: { params: OrderParams, response: { 200: OrderSchema } } }

  const ownOrder = async (request: FastifyRequest, orderId: string): Promise<Order> => {
    const order = await getOrder(db, sessionOf(request).userId, orderId)
    if (!order) throw notFound(`Order ${orderId} not found`)
    return order
  }

  /** The order after a status change, once the subscribe message (if any) has been tried. */
  const afterChange = async (request: FastifyRequest, orderId: string, change: StatusChange): Promise<Order> => {
    if (change.changed) await notifyStatusChange({ db, wechat, now, log: request.log }, orderId, change.status)
    return ownOrder(request, orderId)
  }

  // 201 for a new order; 200 with the first order when the idempotency key was used before.
  app.post(
    '/api/orders',
    {
      preHandler: [requireUser, limiter.limit('ORDERS_PER_USER', (request) => sessionOf(request).userId)],
      config: { body: PlaceOrderRequestSchema },
      schema: { response: { 200: OrderSchema, 201: OrderSchema } },
    },
    async (request, reply) => {
      const body = parseBody(PlaceOrderRequestSchema, request.body)
      const placed = await placeOrder(db, phoneCipher, sessionOf(request).userId, body, now(), orderPolicy)
      return reply.code(placed.created ? 201 : 200).send(placed.order)
    },
  )

  app.get(
    '/api/orders',
    {
      preHandler: requireUser,
      schema: {
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: ORDER_PAGE_SIZE_MAX })),
        }),
        response: { 200: OrderPageSchema },
      },
    },
    async (request) => listOrders(db, sessionOf(request).userId, request.query.page ?? 1, request.query.pageSize ?? 10),
  )

  app.get('/api/orders/:id', withOrder, async (request) => ownOrder(request, request.params.id))

  // Stands in for the shop's back office (ship, ready for pickup, complete); not in production.
  if (devRoutes) {
    app.post('/api/orders/:id/advance', { ...withOrder, config: { body: 'none' } }, async (request) => {
      const { id } = request.params
      return afterChange(request, id, await advanceStatus(db, sessionOf(request).userId, id, now()))
    })
  }
}
