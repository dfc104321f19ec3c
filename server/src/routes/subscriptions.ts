import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { openidOf } from '../accounts/users'
import { FulfilmentSchema, Id, SubscribeTemplateListSchema, SubscriptionResultsSchema } from '../contract'
import { badRequest, notFound } from '../errors'
import { getOrder } from '../orders/order-view'
import { parseBody } from '../strict-body'
import { deleteSubscription, recordDecisions } from '../subscriptions/subscriptions'
import { MAX_TEMPLATES, templatesFor } from '../subscriptions/templates'
import { SandboxWeChat } from '../wechat/sandbox'
import type { RouteContext } from './context'

/** Order-status subscribe messages: which templates exist, and what the user answered (WX-SUB-1..4). */
export const subscriptionRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, context) => {
  const { db, now, wechat, requireUser, subscribeTemplates } = context

  app.get(
    '/api/subscribe/templates',
    {
      schema: {
        // WX-SUB-5: with the order's kind, only the templates that fit it (a pickup order is not asked about shipping).
        querystring: Type.Object({ fulfilment: Type.Optional(FulfilmentSchema) }),
        response: { 200: SubscribeTemplateListSchema },
      },
    },
    async (request) => {
      const { fulfilment } = request.query
      const offered = fulfilment ? templatesFor(subscribeTemplates, fulfilment) : subscribeTemplates.slice(0, MAX_TEMPLATES)
      return { items: offered.map(({ id, title }) => ({ id, title })) }
    },
  )

  // The result of requestSubscribeMessage, per template, as the client received it.
  app.post(
    '/api/orders/:id/subscriptions',
    { preHandler: requireUser, config: { body: SubscriptionResultsSchema }, schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const entries = Object.entries(parseBody(SubscriptionResultsSchema, request.body).results)
      if (entries.length < 1 || entries.length > MAX_TEMPLATES) throw badRequest(`results must name 1 to ${MAX_TEMPLATES} templates`)
      const { userId } = sessionOf(request)
      const orderId = request.params.id
      const order = await getOrder(db, userId, orderId)
      if (order === null) throw notFound(`Order ${orderId} not found`)
      const fitting = new Set(templatesFor(subscribeTemplates, order.fulfilment).map((template) => template.id))
      const unknown = entries.map(([templateId]) => templateId).filter((templateId) => !fitting.has(templateId))
      if (unknown.length > 0) throw badRequest(`Unknown template id, or one that does not fit this order: ${unknown.join(', ').slice(0, 200)}`)
      await recordDecisions(db, userId, orderId, entries, now())
      // The sandbox has no WeChat client to tell the platform about the tap; the server does it.
      if (wechat instanceof SandboxWeChat) {
        const openid = await openidOf(db, userId)
        for (const [templateId, decision] of entries) {
          if (openid !== null && decision === 'accept') wechat.grantSubscription(openid, templateId)
        }
      }
      return reply.code(204).send()
    },
  )

  // WX-DATA-5: one record at a time from 隐私与数据; a message is then never sent through it.
  app.delete(
    '/api/me/subscriptions/:orderId/:templateId',
    { preHandler: requireUser, config: { body: 'none' }, schema: { params: Type.Object({ orderId: Id, templateId: Type.String({ minLength: 1, maxLength: 128 }) }) } },
    async (request, reply) => {
      const { orderId, templateId } = request.params
      if (!(await deleteSubscription(db, sessionOf(request).userId, orderId, templateId))) throw notFound('Subscription not found')
      return reply.code(204).send()
    },
  )
}
