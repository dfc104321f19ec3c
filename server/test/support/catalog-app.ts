import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../../src/app'
import type { Database } from '../../src/db/database'
import { unlimited } from '../../src/limits/rate-limits'
import type {} from './shared-schema-compilers' // declares the global sharedSchemaController
import type { DatabaseTarget } from './test-databases'

export interface CatalogApp {
  app: FastifyInstance
  db: Database
  close(): Promise<void>
}

/**
 * A migrated, seeded database (catalog and outlets) behind a fresh app, as main.ts would start it,
 * except that rate limits are off unless the test passes `rateLimits` (tests of other features
 * log in and order far more often than a person would). Options may be made from the open
 * database (the app then gets the `db` they name, e.g. a recording wrapper).
 */
export async function openCatalogApp(
  target: DatabaseTarget,
  options: Omit<AppOptions, 'db'> | ((db: Database) => AppOptions | Promise<AppOptions>) = {},
): Promise<CatalogApp> {
  const { db, dispose } = await target.openSeeded()
  let app: FastifyInstance
  try {
    const { db: appDb, ...appOptions } = typeof options === 'function' ? await options(db) : { ...options, db }
    app = await appOver(appDb, appOptions)
  } catch (error) {
    await dispose()
    throw error
  }
  return {
    app,
    db,
    async close() {
      await app.close()
      await dispose()
    },
  }
}

/**
 * Another app over a database that is already open, with other options (no dev routes, no push
 * token, WeChat Pay unreachable): loading a second database costs seconds of CPU, a second app a
 * fraction of that. Rate limits are off unless given, as in openCatalogApp. Closing the app leaves
 * the database open.
 */
export function appOver(db: Database, options: Omit<AppOptions, 'db'> = {}): Promise<FastifyInstance> {
  return buildTestApp({ rateLimits: unlimited(), ...options, db })
}

/**
 * buildApp with the Jest worker's shared schema compilers, so the app skips compiling what an
 * earlier app compiled (see shared-schema-compilers.ts); nothing else differs.
 */
export function buildTestApp(options: AppOptions): Promise<FastifyInstance> {
  const { sharedSchemaController } = globalThis
  return buildApp(sharedSchemaController ? { schemaController: sharedSchemaController, ...options } : options)
}
