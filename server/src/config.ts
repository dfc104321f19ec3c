import path from 'node:path'
import { parsePayments, type PaymentConfig } from './payments/payment-config'
import { parseLimitSettings, type LimitSettings } from './limits/rate-limits'
import { DEFAULT_ORDER_POLICY, type OrderPolicy } from './orders/place-order'
import { DEFAULT_SHUTDOWN, type ShutdownSettings } from './graceful-shutdown'
import { DEVELOPMENT_PHONE_KEY } from './phones/phone-cipher'
import { parseTemplates, SANDBOX_TEMPLATES, type OrderTemplate } from './subscriptions/templates'
import { parseEncodingAesKey, type PushSafeMode } from './wechat/push-crypto'
import { SERVER_ROOT } from './server-root'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }

export interface WeChatCredentials {
  appId: string
  secret: string
  /** https://api.weixin.qq.com unless WECHAT_API_BASE points elsewhere (a local stub). */
  apiBase: string
}

export interface ServerConfig {
  port: number
  host: string
  database: DatabaseConfig
  /** Absolute path of a built H5 folder to serve at /, or null to serve the API only. */
  serveH5Dir: string | null
  logLevel: LogLevel
  /** NODE_ENV=production: no sandbox, no development defaults, no dev-only routes. */
  production: boolean
  /** null: the WeChat sandbox (any login code works), allowed outside production only. */
  wechat: WeChatCredentials | null
  /** The message-push token from the admin console; null turns the push endpoint off (401). */
  pushToken: string | null
  /** Safe mode (WECHAT_PUSH_AES_KEY, WECHAT_PUSH_MODE): encrypted pushes; null for plaintext only. */
  pushSafeMode: PushSafeMode | null
  /** AES-256-GCM key for phone numbers at rest (PHONE_ENCRYPTION_KEY, 32 bytes base64). */
  phoneKey: { key: Buffer; source: 'env' | 'development-default' }
  /** Order-status templates (WECHAT_SUBSCRIBE_TEMPLATES); the sandbox's when unset in sandbox mode. */
  subscribeTemplates: OrderTemplate[]
  /** SEED_DEMO_DATA=1: add the demo catalog and outlets to empty tables at start-up (never by default). */
  seedDemoData: boolean
  /** WeChat Pay (WECHATPAY_*), the sandbox's payment (WeChat sandbox only), or none (503). */
  payments: PaymentConfig
  /** ORDER_PAY_MINUTES (default 15), MAX_UNPAID_ORDERS (default 3) and MAX_UNPAID_UNITS (default 60). */
  orders: OrderPolicy
  /** RATE_LIMIT_<NAME>=count/window overrides (see server/README.md). */
  rateLimits: LimitSettings
  /** TRUST_PROXY: unset (false), "true", or the proxy addresses/CIDRs, as fastify's trustProxy. */
  trustProxy: boolean | string
  /** SHUTDOWN_DELAY_SECONDS (default 0) and SHUTDOWN_TIMEOUT_SECONDS (default 10). */
  shutdown: ShutdownSettings
}

/** server/.data/pglite, resolved from this file so the default does not depend on the cwd. */
export const DEFAULT_PGLITE_DIR = path.join(SERVER_ROOT, '.data', 'pglite')

export type Env = Readonly<Record<string, string | undefined>>

/** Reads the server settings from the environment; throws one clear message per bad value. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const production = nonEmpty(env.NODE_ENV) === 'production'
  const wechat = parseWeChat(env, production)
  const pushToken = nonEmpty(env.WECHAT_PUSH_TOKEN) ?? null
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    database: parseDatabase(env, cwd),
    serveH5Dir: optionalPath(env.SERVE_H5_DIR, cwd),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    production,
    wechat,
    pushToken,
    pushSafeMode: parsePushSafeMode(env, production, pushToken, wechat?.appId ?? null),
    phoneKey: parsePhoneKey(env.PHONE_ENCRYPTION_KEY, production),
    subscribeTemplates: parseSubscribeTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES, wechat === null),
    seedDemoData: parseSwitch('SEED_DEMO_DATA', env.SEED_DEMO_DATA),
    payments: parsePayments(env, production, wechat?.appId ?? null),
    orders: {
      payWindowMs: parseWholeNumber('ORDER_PAY_MINUTES', env.ORDER_PAY_MINUTES, DEFAULT_ORDER_POLICY.payWindowMs / 60_000, 1, 24 * 60) * 60_000,
      maxUnpaidOrders: parseWholeNumber('MAX_UNPAID_ORDERS', env.MAX_UNPAID_ORDERS, DEFAULT_ORDER_POLICY.maxUnpaidOrders, 1, 100),
      maxUnpaidUnits: parseWholeNumber('MAX_UNPAID_UNITS', env.MAX_UNPAID_UNITS, DEFAULT_ORDER_POLICY.maxUnpaidUnits, 1, 100_000),
    },
    rateLimits: parseLimitSettings(env),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    shutdown: {
      delayMs: parseWholeNumber('SHUTDOWN_DELAY_SECONDS', env.SHUTDOWN_DELAY_SECONDS, DEFAULT_SHUTDOWN.delayMs / 1000, 0, 120) * 1000,
      drainTimeoutMs: parseWholeNumber('SHUTDOWN_TIMEOUT_SECONDS', env.SHUTDOWN_TIMEOUT_SECONDS, DEFAULT_SHUTDOWN.drainTimeoutMs / 1000, 1, 600) * 1000,
    },
  }
}

const PUSH_MODES = ['plain', 'compatible', 'safe'] as const

/**
 * The admin console's 消息加解密方式: plain (明文), compatible (兼容: both accepted, for switching
 * over) or safe (安全, the default once a key is set). Production with a key accepts safe only:
 * a plaintext push is covered by no signature over its body.
 */
function parsePushSafeMode(env: Env, production: boolean, pushToken: string | null, appId: string | null): PushSafeMode | null {
  const rawMode = nonEmpty(env.WECHAT_PUSH_MODE)
  const mode = rawMode === undefined ? undefined : PUSH_MODES.find((candidate) => candidate === rawMode)
  if (rawMode !== undefined && mode === undefined) throw new Error(`WECHAT_PUSH_MODE must be one of ${PUSH_MODES.join(', ')}, got "${rawMode}"`)
  const rawKey = nonEmpty(env.WECHAT_PUSH_AES_KEY)
  if (rawKey === undefined) {
    if (mode !== undefined && mode !== 'plain') throw new Error(`WECHAT_PUSH_MODE=${mode} needs WECHAT_PUSH_AES_KEY (the EncodingAESKey)`)
    return null
  }
  const key = parseEncodingAesKey(rawKey)
  if (pushToken === null) throw new Error('WECHAT_PUSH_AES_KEY needs WECHAT_PUSH_TOKEN (msg_signature is made with it)')
  if (appId === null) throw new Error('WECHAT_PUSH_AES_KEY needs WECHAT_APPID (every encrypted push names the appid it is for)')
  if (mode === 'plain') throw new Error('WECHAT_PUSH_MODE=plain with WECHAT_PUSH_AES_KEY set: choose safe (or compatible outside production), or remove the key')
  if (mode === 'compatible' && production) {
    throw new Error('WECHAT_PUSH_MODE=compatible is refused when NODE_ENV=production: plaintext pushes are not covered by a signature; use safe')
  }
  return { key, appId, acceptPlain: mode === 'compatible' }
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  const value = nonEmpty(raw)
  if (value === undefined || value === 'false') return false
  return value === 'true' ? true : value
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** A whole number within [min, max], or the fallback when unset. */
export function parseWholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = nonEmpty(raw)
  if (value === undefined) return fallback
  const number = Number(value)
  if (!/^[0-9]+$/.test(value) || number < min || number > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`)
  }
  return number
}

function parsePort(raw: string | undefined): number {
  const value = nonEmpty(raw)
  if (value === undefined) return 3030
  const port = Number(value)
  // 0: any free port (tests and scripts start several servers); the log line "Server listening at" names it.
  if (!/^[0-9]+$/.test(value) || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`)
  }
  return port
}

export function parseDatabase(env: Env, cwd: string): DatabaseConfig {
  const url = nonEmpty(env.DATABASE_URL)
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
    }
    return { kind: 'postgres', url }
  }
  const dir = nonEmpty(env.PGLITE_DIR)
  if (dir === undefined) return { kind: 'pglite', dataDir: DEFAULT_PGLITE_DIR }
  // memory:// and other PGlite URL schemes pass through untouched.
  return { kind: 'pglite', dataDir: dir.includes('://') ? dir : path.resolve(cwd, dir) }
}

function optionalPath(raw: string | undefined, cwd: string): string | null {
  const value = nonEmpty(raw)
  return value === undefined ? null : path.resolve(cwd, value)
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const value = nonEmpty(raw)?.toLowerCase()
  if (value === undefined) return 'info'
  const level = LOG_LEVELS.find((candidate) => candidate === value)
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`)
  return level
}

function parseWeChat(env: Env, production: boolean): WeChatCredentials | null {
  const appId = nonEmpty(env.WECHAT_APPID)
  const secret = nonEmpty(env.WECHAT_SECRET)
  if (appId === undefined && secret === undefined) {
    // The sandbox logs anyone in with any code: fine on a laptop, never in production.
    if (production) throw new Error('WECHAT_APPID and WECHAT_SECRET are required when NODE_ENV=production')
    return null
  }
  if (appId === undefined || secret === undefined) {
    throw new Error('Set both WECHAT_APPID and WECHAT_SECRET, or neither (for the sandbox)')
  }
  if (!/^wx[0-9a-f]{16}$/.test(appId)) throw new Error('WECHAT_APPID must look like wx followed by 16 hex digits')
  const apiBase = nonEmpty(env.WECHAT_API_BASE) ?? 'https://api.weixin.qq.com'
  if (!/^https?:\/\/[^/\s]+/.test(apiBase)) throw new Error('WECHAT_API_BASE must be an http(s) URL')
  return { appId, secret, apiBase }
}

function parsePhoneKey(raw: string | undefined, production: boolean): ServerConfig['phoneKey'] {
  const value = nonEmpty(raw)
  if (value === undefined) {
    if (production) throw new Error('PHONE_ENCRYPTION_KEY is required when NODE_ENV=production (32 random bytes, base64)')
    return { key: DEVELOPMENT_PHONE_KEY, source: 'development-default' }
  }
  const key = Buffer.from(value, 'base64')
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw new Error('PHONE_ENCRYPTION_KEY must be 32 bytes in base64 (e.g. openssl rand -base64 32)')
  }
  return { key, source: 'env' }
}

function parseSubscribeTemplates(raw: string | undefined, sandbox: boolean): OrderTemplate[] {
  const value = nonEmpty(raw)
  if (value === undefined) return sandbox ? [...SANDBOX_TEMPLATES] : []
  return parseTemplates(value)
}

function parseSwitch(name: string, raw: string | undefined): boolean {
  const value = nonEmpty(raw)?.toLowerCase()
  if (value === undefined || value === '0' || value === 'false') return false
  if (value === '1' || value === 'true') return true
  throw new Error(`${name} must be 1 or 0 (true or false), got "${raw}"`)
}
