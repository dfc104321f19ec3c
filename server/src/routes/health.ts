import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthStatusSchema, ReadyStatusSchema } from '../contract'
import type { Database } from '../db/database'
import { readMigrations } from '../db/migrate'
import { sendError } from '../errors'
import { sendShuttingDown, type Lifecycle } from '../lifecycle'

export interface HealthRouteOptions {
  db: Database
  lifecycle: Lifecycle
}

/**
 * Liveness (`/api/health`: the process answers; no database call, so a slow database never gets a
 * live process restarted) and readiness (`/api/ready`: the database answers and every migration this
 * build knows is applied, and the process is not shutting down).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, { db, lifecycle }) => {
  const expected = (await readMigrations()).map((migration) => migration.name)

  app.get('/api/health', { schema: { response: { 200: HealthStatusSchema } } }, async () => {
    return { status: 'ok' as const, database: db.kind }
  })

  app.get('/api/ready', { schema: { response: { 200: ReadyStatusSchema } } }, async (request, reply) => {
    if (lifecycle.stopping) return sendShuttingDown(reply)
    let applied: Set<string>
    try {
      const rows = await db.query<{ name: string }>('select name from schema_migrations')
      applied = new Set(rows.map((row) => row.name))
    } catch (error) {
      request.log.error({ err: error }, 'readiness check: database query failed')
      return sendError(reply, 503, 'INTERNAL', 'Database unavailable')
    }
    const pending = expected.filter((name) => !applied.has(name))
    if (pending.length > 0) {
      request.log.error({ pending }, 'readiness check: migrations not applied')
      return sendError(reply, 503, 'INTERNAL', 'Database migrations are not applied')
    }
    return { status: 'ready' as const, database: db.kind, migrations: expected.length }
  })
}
