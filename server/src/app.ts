import Fastify, { type FastifyInstance, type FastifyServerOptions, type onRouteHookHandler } from 'fastify'
import { installAuth } from './auth/require-user'
import { CatalogCache } from './catalog/catalog-cache'
import { catalogVersionSource } from './catalog/catalog-version'
import { answerClientError } from './client-errors'
import { installCors } from './cors'
import type { Database } from './db/database'
import { installErrorHandling, sendError } from './errors'
import { rejectNonFiniteNumbers } from './finite-numbers'
import { ImageCache } from './images/image-cache'
import { rejectInvalidText } from './invalid-text'
import { InFlightRequests } from './in-flight'
import { Lifecycle, sendShuttingDown } from './lifecycle'
import { DEVELOPMENT_PHONE_KEY, PhoneCipher } from './phones/phone-cipher'
import { LOG_REDACT, logSerializers, RouteOnlyLogController } from './request-log'
import { deferredRequestLoggers } from './request-logger'
import { authRoutes } from './routes/auth'
import { avatarRoutes } from './routes/avatars'
import { catalogRoutes } from './routes/catalog'
import type { RouteContext } from './routes/context'
import { healthRoutes } from './routes/health'
import { imageRoutes } from './routes/images'
import { meRoutes } from './routes/me'
import { DEFAULT_LIMITS, RateLimiter, type LimitSettings } from './limits/rate-limits'
import { DEFAULT_ORDER_POLICY, type OrderPolicy } from './orders/place-order'
import { orderRoutes } from './routes/orders'
import { paymentRoutes } from './routes/payments'
import { SandboxPaymentGateway, type PaymentGateway } from './payments/gateway'
import { phoneRoutes } from './routes/phone'
import { outletRoutes } from './routes/outlets'
import { subscriptionRoutes } from './routes/subscriptions'
import { searchRoutes } from './routes/search'
import { staticRoutes } from './routes/static'
import { wechatPushRoutes } from './routes/wechat-push'
import { SANDBOX_TEMPLATES, type OrderTemplate } from './subscriptions/templates'
import { systemClock, type Clock } from './time'
import type { WeChatApi } from './wechat/api'
import type { PushSafeMode } from './wechat/push-crypto'
import { SandboxWeChat } from './wechat/sandbox'

/** Longer URLs get 414: no endpoint needs more, and it bounds what query parsing has to handle. */
export const MAX_URL_LENGTH = 2048
/** The API takes no large bodies; later JSON endpoints (orders, profile) fit easily. */
export const BODY_LIMIT_BYTES = 64 * 1024

/** Errors fastify raises before routing; their own messages echo the URL, so we use ours. */
const FRAMEWORK_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'URL is not valid',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment is too long',
}

/**
 * Slow or idle clients cannot hold the server (issue 11: 20,000 half-sent requests exhausted file
 * descriptors): a request must arrive in full within requestTimeoutMs, its headers within
 * headersTimeoutMs; an idle keep-alive socket closes after keepAliveTimeoutMs, any silent socket
 * after connectionTimeoutMs; and at most maxConnections sockets are open (well below the
 * descriptor limit, so the database and logs always have some).
 */
export interface ConnectionLimits {
  requestTimeoutMs: number
  headersTimeoutMs: number
  keepAliveTimeoutMs: number
  connectionTimeoutMs: number
  maxConnections: number
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  connectionTimeoutMs: 60_000,
  maxConnections: 4096,
}

export interface LoggerOptions {
  level: string
  /** Where log lines go; stdout when omitted. Tests pass a stream to inspect them. */
  stream?: NodeJS.WritableStream
}

export interface AppOptions {
  db: Database
  /** false (the default) for silence, e.g. in tests. */
  logger?: LoggerOptions | false
  /** A built H5 folder to serve at /, or null/undefined for API only. */
  serveH5Dir?: string | null
  imageCache?: ImageCache
  /** WeChat's server API; a fresh sandbox when omitted. */
  wechat?: WeChatApi
  /** The clock for sessions and timestamps; tests move it. */
  now?: Clock
  /** WECHAT_PUSH_TOKEN; null or omitted turns the push endpoint off (401). */
  pushToken?: string | null
  /** WECHAT_PUSH_AES_KEY and mode (safe-mode pushes); null or omitted accepts plaintext pushes only. */
  pushSafeMode?: PushSafeMode | null
  /** Phone encryption; the public development key when omitted (tests, dev). */
  phoneCipher?: PhoneCipher
  /** Order-status templates; the sandbox's three when omitted. */
  subscribeTemplates?: readonly OrderTemplate[]
  /** Rate limits and quotas; DEFAULT_LIMITS when omitted. */
  rateLimits?: LimitSettings
  /** Fastify's trustProxy (TRUST_PROXY): needed behind a reverse proxy so per-IP limits see the client's address. */
  trustProxy?: boolean | string
  /** Timeouts and the connection cap; DEFAULT_CONNECTION_LIMITS when omitted. */
  connectionLimits?: ConnectionLimits
  /** Unpaid-order window and cap; 15 minutes and 3 when omitted. */
  orderPolicy?: OrderPolicy
  /** Sandbox-only routes (POST /api/orders/:id/advance); off unless asked for, never in production. */
  devRoutes?: boolean
  /**
   * The payment provider; null for none (503). When omitted: the sandbox's payment if `wechat` is
   * the sandbox (or omitted), none otherwise — a real WeChat never gets the simulated payment.
   */
  payments?: PaymentGateway | null
  /** Called for every route as it is registered (fastify's onRoute): tools list the routes and their schemas. */
  onRoute?: onRouteHookHandler
  /** Shutdown state (main.ts drives it on SIGTERM); /api/ready and the drain answers read it. */
  lifecycle?: Lifecycle
  /**
   * Fastify's schema compilers; fastify's own, new for each app, when omitted. Tests pass compilers
   * that keep what they compiled for the next app (server/test/support/shared-schema-compilers.ts).
   */
  schemaController?: FastifyServerOptions['schemaController']
}

/**
 * wx.request sends `content-type: application/json` by default, also on a POST without data
 * (logout, pay); fastify would refuse that empty body with 400. An empty JSON body is no body;
 * anything else goes through fastify's own parser (which guards against prototype poisoning).
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text === '') done(null, undefined)
    else parseJson(request, text, done)
  })
}

/**
 * Gives a route plugin the name fastify reports it by. Unnamed, fastify looks for the plugin among
 * all loaded modules (every key of require.cache) twice per registration: instant under Node, but
 * under Jest that cache is a proxy over the test file's module registry: 1.3% of the client tests'
 * CPU in a profile (about 2 s), more in the server tests, which build more apps.
 */
function named<Plugin extends (...args: never[]) => unknown>(plugin: Plugin): Plugin {
  return Object.assign(plugin, { [Symbol.for('fastify.display-name')]: plugin.name })
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, logger = false, serveH5Dir = null } = options
  const limits = options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS
  const lifecycle = options.lifecycle ?? new Lifecycle()
  const app = Fastify({
    logger: logger === false ? false : { ...logger, serializers: logSerializers, redact: LOG_REDACT },
    logController: new RouteOnlyLogController(),
    // A request's logger is made when it first writes a line at an enabled level (request-logger.ts).
    childLoggerFactory: deferredRequestLoggers,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    clientErrorHandler: answerClientError,
    ...(options.schemaController ? { schemaController: options.schemaController } : {}),
    // While closing, requests arriving on kept-alive connections get our 503 (below), not fastify's own body.
    return503OnClosing: false,
    // Malformed URLs (e.g. "/%zz") are rejected before routing; keep the error shape uniform.
    frameworkErrors: (error, _request, reply) => {
      reply.header('access-control-allow-origin', '*')
      return sendError(reply, 400, 'BAD_REQUEST', FRAMEWORK_ERROR_MESSAGES[error.code] ?? 'Bad request')
    },
  })

  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  app.server.headersTimeout = limits.headersTimeoutMs
  app.server.maxConnections = limits.maxConnections
  installErrorHandling(app)
  installCors(app)
  acceptEmptyJsonBodies(app)
  rejectNonFiniteNumbers(app)
  rejectInvalidText(app)
  // Hooks on every request take fastify's callback form, not async: an async hook costs a promise
  // and a microtask hop per request, which the catalog's cached answers (issue 13) cannot afford.
  // In that form an early answer is sent and done is not called.
  const inFlight = new InFlightRequests()
  const counted = new WeakSet<object>()
  app.addHook('onRequest', (request, reply, done) => {
    if (lifecycle.closing) sendShuttingDown(reply)
    else if ((request.raw.url ?? '').length > MAX_URL_LENGTH) sendError(reply, 414, 'BAD_REQUEST', `URL must be at most ${MAX_URL_LENGTH} characters`)
    else {
      inFlight.started()
      counted.add(request)
      done()
    }
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    // The handler is done with the database once it sends (an abandoned request still sends, into a closed socket).
    if (counted.delete(request)) inFlight.finished()
    reply.header('x-content-type-options', 'nosniff')
    // Draining: a request that was in flight still gets its answer, then its connection closes.
    if (lifecycle.closing) reply.header('connection', 'close')
    done(null, payload)
  })

  const now = options.now ?? systemClock
  const context: RouteContext = {
    db,
    now,
    wechat: options.wechat ?? new SandboxWeChat(now),
    requireUser: installAuth(app, db, now),
    phoneCipher: options.phoneCipher ?? new PhoneCipher(DEVELOPMENT_PHONE_KEY),
    subscribeTemplates: options.subscribeTemplates ?? SANDBOX_TEMPLATES,
    devRoutes: options.devRoutes ?? false,
    orderPolicy: options.orderPolicy ?? DEFAULT_ORDER_POLICY,
    limiter: new RateLimiter(db, now, options.rateLimits ?? DEFAULT_LIMITS),
  }

  // Closing the app drains handlers still running (see in-flight.ts), so the database can be closed after it.
  app.addHook('onClose', async () => {
    const left = await inFlight.idle(limits.requestTimeoutMs)
    if (left > 0) app.log.warn({ requests: left }, 'requests still running after the request timeout; closing anyway')
  })
  await app.register(named(healthRoutes), { db, lifecycle })
  // One cache for catalog JSON and images, checked against the database's catalog version per request.
  const versions = await catalogVersionSource(db)
  app.addHook('onClose', () => versions.close())
  const catalog = new CatalogCache(versions)
  await app.register(named(catalogRoutes), { db, catalog })
  await app.register(named(searchRoutes), { db, catalog })
  await app.register(named(imageRoutes), { db, catalog, cache: options.imageCache ?? new ImageCache() })
  await app.register(named(authRoutes), context)
  await app.register(named(meRoutes), context)
  await app.register(named(avatarRoutes), context)
  await app.register(named(outletRoutes), context)
  await app.register(named(phoneRoutes), context)
  await app.register(named(orderRoutes), context)
  const sandboxWeChat = context.wechat instanceof SandboxWeChat
  await app.register(named(paymentRoutes), { ...context, payments: options.payments !== undefined ? options.payments : sandboxWeChat ? new SandboxPaymentGateway() : null })
  await app.register(named(subscriptionRoutes), context)
  await app.register(named(wechatPushRoutes), { ...context, pushToken: options.pushToken ?? null, pushSafeMode: options.pushSafeMode ?? null })
  if (serveH5Dir) await app.register(named(staticRoutes), { root: serveH5Dir })

  await app.ready()
  return app
}
