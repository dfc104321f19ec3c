import type { FastifyBaseLogger } from 'fastify'
import { buildApp } from './app'
import { loadConfig } from './config'
import { migrate } from './db/migrate'
import { openDatabase } from './db/open'
import { seedCatalog } from './seed/seed-catalog'

/** Grace period for in-flight requests on shutdown before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000

async function main(): Promise<void> {
  const config = loadConfig()
  // The pool can report errors before the app (and its logger) exists.
  let log: FastifyBaseLogger | undefined
  const db = await openDatabase(config.database, {
    onIdleError: (error) => log?.error({ err: error }, 'idle database connection failed'),
  })
  const applied = await migrate(db)
  const seed = await seedCatalog(db)
  const app = await buildApp({ db, logger: { level: config.logLevel }, serveH5Dir: config.serveH5Dir })
  log = app.log

  app.log.info(
    {
      database: db.kind,
      migrationsApplied: applied,
      seeded: seed.seeded,
      serveH5Dir: config.serveH5Dir,
    },
    'database ready',
  )

  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    setTimeout(() => {
      app.log.error('shutdown timed out; exiting')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS).unref()
    app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  await app.listen({ port: config.port, host: config.host })
}

main().catch((error: unknown) => {
  // No logger exists yet when start-up fails (bad config, database unreachable).
  process.stderr.write(`server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
