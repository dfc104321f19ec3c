import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Queryable } from '../db/database'
import { ApiError } from '../errors'
import type { Clock } from '../time'

/** At most `max` units (requests, or bytes) per subject per fixed window of `windowMs`. */
export interface LimitRule {
  max: number
  windowMs: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Every limit, with its default. Reasons and settings are documented in server/README.md
 * ("Rate limits and quotas"); RATE_LIMIT_<NAME> overrides one, e.g. RATE_LIMIT_LOGIN_PER_IP=30/10m.
 */
export const DEFAULT_LIMITS = {
  LOGIN_PER_IP: { max: 20, windowMs: 10 * MINUTE },
  PHONE_WECHAT_PER_USER: { max: 5, windowMs: DAY },
  PHONE_WECHAT_PER_DAY: { max: 2000, windowMs: DAY },
  PHONE_MANUAL_PER_USER: { max: 20, windowMs: HOUR },
  ORDERS_PER_USER: { max: 10, windowMs: 10 * MINUTE },
  AVATAR_UPLOADS_PER_USER: { max: 10, windowMs: HOUR },
  AVATAR_BYTES_PER_USER: { max: 5 * 1024 * 1024, windowMs: DAY },
  PUSH_PER_IP: { max: 300, windowMs: MINUTE },
} as const satisfies Record<string, LimitRule>

export type LimitName = keyof typeof DEFAULT_LIMITS
export type LimitSettings = Record<LimitName, LimitRule>
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[]

/** What the user is told, in the app's language, before "请 N 分钟后再试". */
const LIMIT_MESSAGES: Record<LimitName, string> = {
  LOGIN_PER_IP: '登录尝试太频繁',
  PHONE_WECHAT_PER_USER: '今日获取微信手机号的次数已用完，可以手动填写手机号',
  PHONE_WECHAT_PER_DAY: '微信手机号服务今日繁忙，可以手动填写手机号',
  PHONE_MANUAL_PER_USER: '修改手机号太频繁',
  ORDERS_PER_USER: '下单太频繁',
  AVATAR_UPLOADS_PER_USER: '上传头像太频繁',
  AVATAR_BYTES_PER_USER: '今日上传的头像已达上限',
  PUSH_PER_IP: 'Too many push requests',
}

/** "30 秒" / "5 分钟" / "2 小时", rounded up. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} 秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3600)} 小时`
}

/** Subjects are stored hashed: the counters never hold an IP address or a user id in clear. */
const subjectHash = (name: LimitName, subject: string): string => createHash('sha256').update(`${name}\u0000${subject}`).digest('hex')

export interface LimitVerdict {
  allowed: boolean
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number
}

/**
 * Fixed-window counters in the database (table rate_counters): one atomic upsert per hit, so
 * several server processes on one PostgreSQL share the counts, and a restart forgets nothing.
 * Refused hits count too: hammering a limit keeps it closed until the window ends.
 */
export class RateLimiter {
  constructor(
    private readonly db: Queryable,
    private readonly now: Clock,
    private readonly rules: LimitSettings,
  ) {}

  async hit(name: LimitName, subject: string, weight = 1): Promise<LimitVerdict> {
    const rule = this.rules[name]
    const nowMs = this.now().getTime()
    const start = Math.floor(nowMs / rule.windowMs) * rule.windowMs
    const end = start + rule.windowMs
    const [row] = await this.db.query<{ hits: string | number }>(
      `insert into rate_counters (bucket, subject, window_start, window_end, hits)
       values ($1, $2, $3::timestamptz, $4::timestamptz, $5)
       on conflict (bucket, subject, window_start) do update set hits = rate_counters.hits + excluded.hits
       returning hits`,
      [name, subjectHash(name, subject), new Date(start).toISOString(), new Date(end).toISOString(), weight],
    )
    return { allowed: Number(row?.hits ?? 0) <= rule.max, retryAfterSeconds: Math.ceil((end - nowMs) / 1000) }
  }

  /** Counts a hit and throws 429 TOO_MANY_REQUESTS (with Retry-After) when over the limit. */
  async enforce(name: LimitName, subject: string, reply: FastifyReply, weight = 1): Promise<void> {
    const verdict = await this.hit(name, subject, weight)
    if (verdict.allowed) return
    reply.header('retry-after', String(verdict.retryAfterSeconds))
    throw new ApiError(429, 'TOO_MANY_REQUESTS', `${LIMIT_MESSAGES[name]}，请 ${waitText(verdict.retryAfterSeconds)}后再试`)
  }

  /** A preHandler counting one hit per request for the subject `subjectOf` picks (an IP, a user id). */
  limit(name: LimitName, subjectOf: (request: FastifyRequest) => string): preHandlerAsyncHookHandler {
    return async (request, reply) => {
      await this.enforce(name, subjectOf(request), reply)
    }
  }

  /** Drops windows that ended (housekeeping). */
  async prune(): Promise<void> {
    await this.db.query('delete from rate_counters where window_end < $1::timestamptz', [this.now().toISOString()])
  }
}

/** A limiter that never limits: for tests about other things, and for RATE_LIMITS=off. */
export const unlimited = (): LimitSettings =>
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, { max: Number.MAX_SAFE_INTEGER, windowMs: DAY }])) as LimitSettings

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY }

/** RATE_LIMIT_<NAME>=count/window (window: 30s, 10m, 1h, 1d); defaults for the others. */
export function parseLimitSettings(env: Readonly<Record<string, string | undefined>>): LimitSettings {
  const settings = { ...DEFAULT_LIMITS } as LimitSettings
  for (const name of LIMIT_NAMES) {
    const raw = env[`RATE_LIMIT_${name}`]?.trim()
    if (!raw) continue
    const match = /^([0-9]{1,12})\/([0-9]{1,6})([smhd])$/.exec(raw)
    const max = Number(match?.[1])
    const windowMs = Number(match?.[2]) * (UNITS[match?.[3] ?? ''] ?? 0)
    if (!match || max < 1 || windowMs < 1000 || windowMs > 7 * DAY) {
      throw new Error(`RATE_LIMIT_${name} must look like 20/10m (count/window, window in s, m, h or d, at most 7d), got "${raw}"`)
    }
    settings[name] = { max, windowMs }
  }
  return settings
}
