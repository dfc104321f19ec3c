import { createHash } from 'node:crypto'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { deleteAccount } from '../accounts/delete-account'
import { deleteRevokedData, revokedItems, type RevocableItem } from '../accounts/revocations'
import { findUserIdByOpenid } from '../accounts/users'
import type { Queryable } from '../db/database'
import { ApiError, badRequest } from '../errors'
import { isValidPushSignature } from '../wechat/push-signature'
import type { RouteContext } from './context'

export interface PushRouteOptions extends RouteContext {
  /** WECHAT_PUSH_TOKEN; null answers every request with 401. */
  pushToken: string | null
}

const SignedQuerySchema = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 128 })),
  timestamp: Type.Optional(Type.String({ maxLength: 32 })),
  nonce: Type.Optional(Type.String({ maxLength: 128 })),
  echostr: Type.Optional(Type.String({ maxLength: 256 })),
})

type PushAction =
  | { kind: 'delete-account'; openid: string }
  | { kind: 'revoke'; openid: string; items: RevocableItem[] }
  | { kind: 'ignore'; reason: string }

const field = (body: Record<string, unknown>, name: string): string | undefined => {
  const value = body[name]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** What an `authorized_user_information_changes` push asks of us (WX-DATA-4). */
export function actionFor(body: Record<string, unknown>): PushAction {
  const event = field(body, 'Event')
  const openid = field(body, 'OpenID')
  if (!openid) return { kind: 'ignore', reason: event ? 'event without OpenID' : 'no Event' }
  switch (event) {
    case 'user_authorization_cancellation':
      // The user closed their WeChat account: delete ours entirely, as DELETE /api/me does.
      return { kind: 'delete-account', openid }
    case 'user_authorization_revoke': {
      const items = revokedItems(field(body, 'RevokeInfo') ?? '')
      return items.length > 0 ? { kind: 'revoke', openid, items } : { kind: 'ignore', reason: 'revoked data is not stored here' }
    }
    case 'user_info_modified':
      // WeChat cleaned risky profile data and asks apps to clear or refresh theirs; we cannot refetch.
      return { kind: 'revoke', openid, items: ['nickname', 'avatar'] }
    default:
      return { kind: 'ignore', reason: 'not an event this server handles' }
  }
}

/** A push whose timestamp is further than this from our clock is refused (replays of old captures). */
export const PUSH_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000

/** The events this server knows; anything else is logged as "other", never as the sender wrote it. */
const KNOWN_EVENTS = new Set(['user_authorization_cancellation', 'user_authorization_revoke', 'user_info_modified'])

/**
 * Remembers a signed (timestamp, nonce) pair; false when it was seen before, i.e. a replay. Kept
 * at least as long as the timestamp window, after which the timestamp check refuses it anyway.
 */
async function firstUseOfNonce(db: Queryable, timestamp: string, nonce: string, now: Date): Promise<boolean> {
  await db.query('delete from push_nonces where seen_at < $1::timestamptz', [new Date(now.getTime() - 2 * PUSH_TIMESTAMP_WINDOW_MS).toISOString()])
  const hash = createHash('sha256').update(`${timestamp}\u0000${nonce}`).digest('hex')
  const inserted = await db.query('insert into push_nonces (nonce_hash, seen_at) values ($1, $2::timestamptz) on conflict do nothing returning nonce_hash', [
    hash,
    now.toISOString(),
  ])
  return inserted.length > 0
}

const SUCCESS = (reply: FastifyReply): FastifyReply => reply.type('text/plain; charset=utf-8').send('success')

/**
 * WeChat message push in plaintext JSON mode. GET is the URL check when the push URL is saved in
 * the admin console; POST delivers events. Both are signed with WECHAT_PUSH_TOKEN; a bad
 * signature gets 401 and changes nothing. Handled events are answered "success", as WeChat expects.
 */
export const wechatPushRoutes: FastifyPluginAsyncTypebox<PushRouteOptions> = async (app, { db, now, pushToken, limiter }) => {
  app.addHook('preHandler', limiter.limit('PUSH_PER_IP', (request) => request.ip))
  // Some push setups send JSON as text/plain; this parser applies to this plugin's routes only.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)) as unknown)
    } catch {
      done(badRequest('Body is not valid JSON'), undefined)
    }
  })

  /** Signed with our token, recent (timestamp within the window) and never seen before (nonce). */
  const requireSignature = async (query: { signature?: string; timestamp?: string; nonce?: string }): Promise<void> => {
    if (!isValidPushSignature(pushToken, query)) throw new ApiError(401, 'UNAUTHORIZED', 'Invalid or missing push signature')
    const { timestamp = '', nonce = '' } = query
    const at = now()
    const sentMs = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN
    if (!(Math.abs(at.getTime() - sentMs) <= PUSH_TIMESTAMP_WINDOW_MS)) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Push timestamp is outside the accepted window')
    }
    if (!(await firstUseOfNonce(db, timestamp, nonce, at))) throw new ApiError(401, 'UNAUTHORIZED', 'Push message was already received (replay)')
  }

  app.get('/api/wechat/push', { schema: { querystring: SignedQuerySchema } }, async (request, reply) => {
    await requireSignature(request.query)
    return reply.type('text/plain; charset=utf-8').send(request.query.echostr ?? '')
  })

  app.post('/api/wechat/push', { schema: { querystring: SignedQuerySchema } }, async (request, reply) => {
    await requireSignature(request.query)
    const body: unknown = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return SUCCESS(reply)
    const fields = body as Record<string, unknown>
    if ('Encrypt' in fields) {
      request.log.warn('encrypted push received; set the admin console to plaintext JSON')
      throw badRequest('Encrypted (safe mode) push messages are not supported; use plaintext JSON')
    }
    const action = actionFor(fields)
    if (action.kind === 'ignore') {
      // Sender-controlled text is never logged as sent: a known event name, or "other".
      const event = field(fields, 'Event')
      request.log.info({ event: event && KNOWN_EVENTS.has(event) ? event : 'other', reason: action.reason }, 'push ignored')
      return SUCCESS(reply)
    }
    const userId = await findUserIdByOpenid(db, action.openid)
    if (userId !== null) {
      if (action.kind === 'delete-account') await deleteAccount(db, userId, now)
      else await deleteRevokedData(db, userId, action.items, now())
    }
    // Never the openid: only what was done, and whether we knew the user.
    request.log.info(
      { action: action.kind, items: action.kind === 'revoke' ? action.items : undefined, knownUser: userId !== null },
      'push handled',
    )
    return SUCCESS(reply)
  })
}
