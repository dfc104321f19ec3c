import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { NearestStoresSchema, StoreChoiceSchema, StoreListSchema } from '../contract'
import { badRequest } from '../errors'
import { parseBody } from '../strict-body'
import { citiesOf, getStore, listStores, nearestStores, saveStoreChoice } from '../stores/stores'
import type { RouteContext } from './context'


/** Stores need no login; saving a usual store does (WX-LOC-3: the list works without location). */
export const storeRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, requireUser }) => {
  app.get('/api/stores', { schema: { response: { 200: StoreListSchema } } }, async () => {
    const items = await listStores(db)
    return { items, cities: citiesOf(items) }
  })

  // WX-LOC-4: the coordinates answer this request only; they are neither stored nor logged.
  app.get(
    '/api/stores/nearest',
    {
      schema: {
        querystring: Type.Object({
          latitude: Type.Number({ minimum: -90, maximum: 90 }),
          longitude: Type.Number({ minimum: -180, maximum: 180 }),
        }),
        response: { 200: NearestStoresSchema },
      },
    },
    async (request) => {
      const { latitude, longitude } = request.query
      return { items: nearestStores(await listStores(db), { latitude, longitude }) }
    },
  )

  // The choice is saved only when the user saves it; null forgets it.
  app.put('/api/me/store', { preHandler: requireUser, config: { body: StoreChoiceSchema } }, async (request, reply) => {
    const { storeId } = parseBody(StoreChoiceSchema, request.body)
    if (storeId !== null && (await getStore(db, storeId)) === null) throw badRequest(`Store ${storeId} does not exist`)
    await saveStoreChoice(db, sessionOf(request).userId, storeId, now())
    return reply.code(204).send()
  })
}
