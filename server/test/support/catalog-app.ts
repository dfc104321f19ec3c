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
 * A migrated, seeded database (catalog and stores) behind a fresh app, as main.ts would start it,
 * except that rate limits are off unless the test passes `rateLimits` (tests of other features
 * log in and order far more often than a person would).
 */
export async function openCatalogApp(target: DatabaseTarget, options: Omit<AppOptions, 'db'> = {}): Promise<CatalogApp> {
  const { db, dispose } = await target.openSeeded()
  const app = await buildApp({ rateLimits: unlimited(), ...options, db })
  return {
    app,
    db,
    async close() {
      await app.close()
      await dispose()
    },
  }
}
