import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthStatusSchema } from '../contract'
import type { Database } from '../db/database'
import { sendError } from '../errors'

export interface HealthRouteOptions {
  db: Database
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, { db }) => {
  app.get('/api/health', { schema: { response: { 200: HealthStatusSchema } } }, async (request, reply) => {
    try {
      await db.query('select 1')
    } catch (error) {
      request.log.error({ err: error }, 'health check: database query failed')
      return sendError(reply, 503, 'INTERNAL', 'Database unavailable')
    }
    return { status: 'ok' as const, database: db.kind }
  })
}
