import { createHash } from 'node:crypto'
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { deleteAccount } from '../accounts/delete-account'
import { deleteRevokedData, revokedItems, type RevocableItem } from '../accounts/revocations'
import { findUserIdByOpenid } from '../accounts/users'
import type { Queryable } from '../db/database'
import { ApiError, badRequest } from '../errors'
import { decryptPushMessage, type DecryptFailure, type PushSafeMode } from '../wechat/push-crypto'
import { isValidMsgSignature, isValidPushSignature } from '../wechat/push-signature'
import type { BodyDeclaration } from '../strict-body'
import type { RouteContext } from './context'

export interface PushRouteOptions extends RouteContext {
  /** WECHAT_PUSH_TOKEN; null answers every request with 401. */
  pushToken: string | null
  /** WECHAT_PUSH_AES_KEY and mode: decrypt safe-mode pushes; null accepts plaintext only. */
  pushSafeMode: PushSafeMode | null
}

const SignedQuerySchema = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 128 })),
  timestamp: Type.Optional(Type.String({ maxLength: 32 })),
  nonce: Type.Optional(Type.String({ maxLength: 128 })),
  echostr: Type.Optional(Type.String({ maxLength: 256 })),
  // Safe mode adds these two: the body's signature and "aes".
  msg_signature: Type.Optional(Type.String({ maxLength: 128 })),
  encrypt_type: Type.Optional(Type.String({ maxLength: 16 })),
})
type SignedQuery = Static<typeof SignedQuerySchema>

/** The fields this route reads (WeChat sends more; any JSON is acknowledged): declared for tools, not enforced. */
const PushBodySchema: BodyDeclaration = Type.Object(
  {
    Encrypt: Type.Optional(Type.String()),
    Event: Type.Optional(Type.String()),
    OpenID: Type.Optional(Type.String()),
    RevokeInfo: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)

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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A decrypted message for another appid is not ours (401); anything else is a malformed body (400). */
function decryptError(why: DecryptFailure): ApiError {
  return why === 'wrong-appid'
    ? new ApiError(401, 'UNAUTHORIZED', 'Encrypted push is for another appid')
    : badRequest('Encrypted push could not be decrypted')
}

const SUCCESS = (reply: FastifyReply): FastifyReply => reply.type('text/plain; charset=utf-8').send('success')

/**
 * WeChat message push, JSON format, in plaintext or safe mode. GET is the URL check when the push
 * URL is saved in the admin console; POST delivers events. Both are signed with WECHAT_PUSH_TOKEN;
 * a bad signature gets 401 and changes nothing. Handled events are answered "success", as WeChat expects.
 */
export const wechatPushRoutes: FastifyPluginAsyncTypebox<PushRouteOptions> = async (app, { db, now, pushToken, pushSafeMode, limiter }) => {
  app.addHook('preHandler', limiter.limit('PUSH_PER_IP', (request) => request.ip))
  // Some push setups send JSON as text/plain; this parser applies to this plugin's routes only.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)) as unknown)
    } catch {
      done(badRequest('Body is not valid JSON'), undefined)
    }
  })

  /** Signed with our token (`signed`), recent (timestamp within the window) and never seen before (nonce). */
  const requireFreshSignature = async (signed: boolean, query: SignedQuery): Promise<void> => {
    if (!signed) throw new ApiError(401, 'UNAUTHORIZED', 'Invalid or missing push signature')
    const { timestamp = '', nonce = '' } = query
    const at = now()
    const sentMs = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN
    if (!(Math.abs(at.getTime() - sentMs) <= PUSH_TIMESTAMP_WINDOW_MS)) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Push timestamp is outside the accepted window')
    }
    if (!(await firstUseOfNonce(db, timestamp, nonce, at))) throw new ApiError(401, 'UNAUTHORIZED', 'Push message was already received (replay)')
  }

  /**
   * Safe mode: msg_signature covers the body's Encrypt, so a captured signature cannot carry another
   * body; then the message is decrypted and must name our appid.
   */
  const openEncrypted = async (safeMode: PushSafeMode, query: SignedQuery, encrypt: unknown): Promise<unknown> => {
    if (typeof encrypt !== 'string') throw badRequest('Encrypt must be a string')
    await requireFreshSignature(isValidMsgSignature(pushToken, query, encrypt), query)
    const opened = decryptPushMessage(safeMode.key, encrypt, safeMode.appId)
    if (!opened.ok) throw decryptError(opened.why)
    try {
      return JSON.parse(opened.message) as unknown
    } catch {
      throw badRequest('Encrypted push is not JSON; set the data format to JSON in the admin console')
    }
  }

  /** The message's fields, from the plaintext body or the decrypted Encrypt, after every check. */
  const openMessage = async (query: SignedQuery, body: unknown): Promise<unknown> => {
    const encrypt = isRecord(body) ? body.Encrypt : undefined
    const encrypted = encrypt !== undefined || query.encrypt_type === 'aes'
    if (pushSafeMode !== null && encrypted) return openEncrypted(pushSafeMode, query, encrypt)
    if (pushSafeMode !== null && !pushSafeMode.acceptPlain) {
      // The plain signature covers no body: in safe mode it proves nothing about this message.
      throw new ApiError(401, 'UNAUTHORIZED', 'Plaintext push refused: safe mode is configured (WECHAT_PUSH_AES_KEY)')
    }
    await requireFreshSignature(isValidPushSignature(pushToken, query), query)
    if (encrypted) throw badRequest('Encrypted (safe mode) push messages need WECHAT_PUSH_AES_KEY; or use plaintext JSON')
    return body
  }

  app.get('/api/wechat/push', { schema: { querystring: SignedQuerySchema } }, async (request, reply) => {
    // The URL check is signed like plaintext mode in every mode; it carries no message.
    await requireFreshSignature(isValidPushSignature(pushToken, request.query), request.query)
    return reply.type('text/plain; charset=utf-8').send(request.query.echostr ?? '')
  })

  app.post('/api/wechat/push', { config: { body: PushBodySchema }, schema: { querystring: SignedQuerySchema } }, async (request, reply) => {
    const body = await openMessage(request.query, request.body)
    if (!isRecord(body)) return SUCCESS(reply)
    const fields = body
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
