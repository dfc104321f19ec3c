import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../../src/app'
import type { Database } from '../../src/db/database'
import { unlimited } from '../../src/limits/rate-limits'
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
    app = await buildApp({ rateLimits: unlimited(), ...(typeof options === 'function' ? await options(db) : { ...options, db }) })
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
