import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { NearestOutletsSchema, OutletChoiceSchema, OutletListSchema } from '../contract'
import { badRequest } from '../errors'
import { parseBody } from '../strict-body'
import { citiesOf, getOutlet, listOutlets, nearestOutlets, saveOutletChoice } from '../outlets/outlets'
import type { RouteContext } from './context'


/** Outlets need no login; saving a usual outlet does (WX-LOC-3: the list works without location). */
export const outletRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, requireUser }) => {
  app.get('/api/outlets', { schema: { response: { 200: OutletListSchema } } }, async () => {
    const items = await listOutlets(db)
    return { items, cities: citiesOf(items) }
  })

  // WX-LOC-4: the coordinates answer this request only; they are neither stored nor logged.
  app.get(
    '/api/outlets/nearest',
    {
      schema: {
        querystring: Type.Object({
          latitude: Type.Number({ minimum: -90, maximum: 90 }),
          longitude: Type.Number({ minimum: -180, maximum: 180 }),
        }),
        response: { 200: NearestOutletsSchema },
      },
    },
    async (request) => {
      const { latitude, longitude } = request.query
      return { items: nearestOutlets(await listOutlets(db), { latitude, longitude }) }
    },
  )

  // The choice is saved only when the user saves it; null forgets it.
  app.put('/api/me/outlet', { preHandler: requireUser, config: { body: OutletChoiceSchema } }, async (request, reply) => {
    const { outletId } = parseBody(OutletChoiceSchema, request.body)
    if (outletId !== null && (await getOutlet(db, outletId)) === null) throw badRequest(`Outlet ${outletId} does not exist`)
    await saveOutletChoice(db, sessionOf(request).userId, outletId, now())
    return reply.code(204).send()
  })
}
