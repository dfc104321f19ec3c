import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { loadConfig, type ServerConfig } from './config'
import { shutDown } from './graceful-shutdown'
import { Lifecycle } from './lifecycle'
import type { Database } from './db/database'
import { migrate } from './db/migrate'
import { openDatabase } from './db/open'
import { startExpirySweeper } from './orders/expiry-sweeper'
import { PhoneCipher } from './phones/phone-cipher'
import { paymentGatewayFor } from './payments/payment-config'
import { seedDemoData, withDemoDataFlag } from './seed/demo-data'
import type { WeChatApi } from './wechat/api'
import { WeChatHttpApi } from './wechat/http-api'
import { SandboxWeChat } from './wechat/sandbox'

/** After the drain: how long closing the sweeper and the database may take before the process exits anyway. */
const RELEASE_TIMEOUT_MS = 10_000
/** How often overdue unpaid orders are cancelled (their deadline is checked on payment anyway). */
const EXPIRY_SWEEP_MS = 30_000

function weChatFor(config: ServerConfig): WeChatApi {
  if (config.wechat === null) return new SandboxWeChat()
  const { appId, secret, apiBase } = config.wechat
  return new WeChatHttpApi({ appId, secret, baseUrl: apiBase })
}

/** Start-up notes an operator should see: sandbox mode, push disabled. */
function logSettings(log: FastifyBaseLogger, config: ServerConfig): void {
  if (config.wechat === null) {
    log.warn('WeChat sandbox: WECHAT_APPID/WECHAT_SECRET are not set, so any login code is accepted (see server/README.md)')
  }
  if (config.pushToken === null) log.info('WeChat message push is off: WECHAT_PUSH_TOKEN is not set')
  if (config.phoneKey.source === 'development-default') {
    log.warn('PHONE_ENCRYPTION_KEY is not set: phone numbers are encrypted with the public development key; never outlet real numbers like this')
  }
  if (!config.production) log.info('development routes are on (POST /api/orders/:id/advance)')
  if (config.payments.kind === 'sandbox') log.warn('payment: the sandbox simulation (POST /api/orders/:id/pay marks orders paid); set WECHATPAY_* for WeChat Pay')
  if (config.payments.kind === 'none') log.warn('payment is off: WECHATPAY_* are not set, so POST /api/orders/:id/payment answers 503')
}

/** Migrates, seeds the demo data when asked, builds the app and listens; closes the app again if listening fails. */
async function serve(db: Database, config: ServerConfig, lifecycle: Lifecycle): Promise<FastifyInstance> {
  const applied = await migrate(db)
  const demo = config.seedDemoData ? await seedDemoData(db) : null
  const app = await buildApp({
    db,
    logger: { level: config.logLevel },
    serveH5Dir: config.serveH5Dir,
    wechat: weChatFor(config),
    pushToken: config.pushToken,
    pushSafeMode: config.pushSafeMode,
    phoneCipher: new PhoneCipher(config.phoneKey.key),
    subscribeTemplates: config.subscribeTemplates,
    devRoutes: !config.production,
    payments: paymentGatewayFor(config.payments),
    orderPolicy: config.orders,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    lifecycle,
  })
  app.log.info(
    {
      database: db.kind,
      migrationsApplied: applied,
      demoData: demo === null ? 'off (SEED_DEMO_DATA)' : demo.catalog.seeded || demo.outlets.seeded ? 'seeded' : 'already present',
      serveH5Dir: config.serveH5Dir,
    },
    'database ready',
  )
  logSettings(app.log, config)
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await app.close()
    throw error
  }
  return app
}

function closeOnSignals(app: FastifyInstance, lifecycle: Lifecycle, config: ServerConfig, release: () => Promise<void>): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (lifecycle.stopping) return
    app.log.info({ signal, ...config.shutdown }, 'shutting down: not ready, draining in-flight requests')
    setTimeout(() => {
      app.log.error('shutdown timed out; exiting')
      process.exit(1)
    }, config.shutdown.delayMs + config.shutdown.drainTimeoutMs + RELEASE_TIMEOUT_MS).unref()
    shutDown(app, lifecycle, config.shutdown, release)
      .then((outcome) => {
        app.log.info({ outcome }, 'shut down')
        // 1 when requests were cut off, so a supervisor's log shows the drain time was too short.
        process.exit(outcome === 'drained' ? 0 : 1)
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}

async function main(): Promise<void> {
  const config = loadConfig(withDemoDataFlag(process.argv, process.env))
  // The pool can report errors before the app (and its logger) exists.
  let log: FastifyBaseLogger | undefined
  const db = await openDatabase(config.database, {
    onIdleError: (error) => log?.error({ err: error }, 'idle database connection failed'),
  })
  const lifecycle = new Lifecycle()
  const app = await serve(db, config, lifecycle).catch(async (error: unknown) => {
    // E.g. the port is taken: close cleanly so an on-disk PGlite is not left mid-write.
    await db.close()
    throw error
  })
  log = app.log
  const sweeper = startExpirySweeper(db, () => new Date(), EXPIRY_SWEEP_MS, (error) => app.log.error({ err: error }, 'order expiry sweep failed'))
  closeOnSignals(app, lifecycle, config, async () => {
    await sweeper.stop()
    await db.close()
  })
}

main().catch((error: unknown) => {
  // No logger exists yet when start-up fails (bad config, database unreachable).
  process.stderr.write(`server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
