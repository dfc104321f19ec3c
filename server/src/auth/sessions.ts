import { randomBytes } from 'node:crypto'
import type { Database, Queryable } from '../db/database'
import { iso } from '../time'
import { hashSessionToken, newSessionToken } from './session-tokens'

const MINUTE_MS = 60 * 1000
const DAY_MS = 24 * 60 * MINUTE_MS

/**
 * A session lasts 2 days and slides: a request made when less than half of that remains moves the
 * expiry to 2 days after that request. It therefore never reaches 3 days past the last use, the
 * limit WX-LOGIN-3 sets for the client's token.
 */
export const SESSION_LIFETIME_MS = 2 * DAY_MS
export const SESSION_RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2
/**
 * WX-LOGIN-6: however actively used, a login ends 30 days after the user logged in (the sliding
 * expiry never passes that), and a token in use for a day is replaced by a new one (rotation), so a
 * leaked token is useful for a day at most while its owner keeps using the app.
 */
export const SESSION_ABSOLUTE_MS = 30 * DAY_MS
export const SESSION_ROTATE_AFTER_MS = DAY_MS
/** A rotated token keeps working this long, for requests the client sent before it saw the new one. */
export const ROTATION_GRACE_MS = 2 * MINUTE_MS
/** Live sessions per user (devices); a new login beyond this revokes the oldest. */
export const MAX_SESSIONS_PER_USER = 5

export interface NewSession {
  token: string
  expiresAt: string
}

export interface ActiveSession {
  userId: string
  tokenHash: string
  expiresAt: string
  /** The login this token belongs to (shared by its rotated tokens) and when it began. */
  chainId: string
  loginAt: string
  /** Set when this request rotated the token: the client must use this one from now on. */
  rotated: NewSession | null
}

const at = (ms: number): string => new Date(ms).toISOString()

/** Inserts a token of the chain that began at loginAt; its expiry never passes the absolute cap. */
async function insertSession(db: Queryable, userId: string, chain: { id: string; loginAt: Date }, now: Date): Promise<NewSession> {
  const token = newSessionToken()
  const expiresAt = at(Math.min(now.getTime() + SESSION_LIFETIME_MS, chain.loginAt.getTime() + SESSION_ABSOLUTE_MS))
  await db.query(
    `insert into sessions (token_hash, user_id, created_at, last_used_at, expires_at, chain_id, login_at)
     values ($1, $2, $3::timestamptz, $3::timestamptz, $4::timestamptz, $5, $6::timestamptz)`,
    [hashSessionToken(token), userId, now.toISOString(), expiresAt, chain.id, chain.loginAt.toISOString()],
  )
  return { token, expiresAt }
}

export async function createSession(db: Queryable, userId: string, now: Date): Promise<NewSession> {
  // The user's expired sessions are of no use to anyone; drop them while we are here.
  await db.query('delete from sessions where user_id = $1 and expires_at <= $2::timestamptz', [userId, now.toISOString()])
  const session = await insertSession(db, userId, { id: randomBytes(16).toString('hex'), loginAt: now }, now)
  // At most MAX_SESSIONS_PER_USER current tokens (rotated ones in their grace do not count): the oldest go.
  await db.query(
    `delete from sessions where token_hash in (
       select token_hash from sessions where user_id = $1 and rotated_at is null
       order by created_at desc, token_hash offset $2)`,
    [userId, MAX_SESSIONS_PER_USER],
  )
  return session
}

interface TouchedRow {
  user_id: string
  expires_at: Date | string
  created_at: Date | string
  chain_id: string
  login_at: Date | string
  rotated_at: Date | string | null
}

/**
 * The live session for a token, renewed if due and rotated if a day old; null when unknown,
 * expired (sliding or absolute) or revoked. Rotation is claimed with a guarded UPDATE, so two
 * concurrent requests with the same old token create one successor, not two.
 */
export async function touchSession(db: Database, token: string, now: Date, options: { rotate: boolean } = { rotate: true }): Promise<ActiveSession | null> {
  const tokenHash = hashSessionToken(token)
  const nowMs = now.getTime()
  const [row] = await db.query<TouchedRow>(
    `update sessions
     set last_used_at = $2::timestamptz,
         expires_at = least(
           case when expires_at < $3::timestamptz and rotated_at is null then $4::timestamptz else expires_at end,
           login_at + $5::double precision * interval '1 millisecond')
     where token_hash = $1 and expires_at > $2::timestamptz and login_at + $5::double precision * interval '1 millisecond' > $2::timestamptz
     returning user_id, expires_at, created_at, chain_id, login_at, rotated_at`,
    [tokenHash, now.toISOString(), at(nowMs + SESSION_RENEW_BELOW_MS), at(nowMs + SESSION_LIFETIME_MS), SESSION_ABSOLUTE_MS],
  )
  if (!row) return null
  const session: ActiveSession = { userId: row.user_id, tokenHash, expiresAt: iso(row.expires_at), chainId: row.chain_id, loginAt: iso(row.login_at), rotated: null }
  const due = options.rotate && row.rotated_at === null && nowMs - new Date(iso(row.created_at)).getTime() >= SESSION_ROTATE_AFTER_MS
  // Not worth a new token when the absolute cap is closer than the grace period.
  const capMs = new Date(session.loginAt).getTime() + SESSION_ABSOLUTE_MS
  if (!due || capMs - nowMs <= ROTATION_GRACE_MS) return session
  const rotated = await db.transaction(async (tx) => {
    const claimed = await tx.query(
      `update sessions set rotated_at = $2::timestamptz, expires_at = least(expires_at, $3::timestamptz)
       where token_hash = $1 and rotated_at is null returning token_hash`,
      [tokenHash, now.toISOString(), at(nowMs + ROTATION_GRACE_MS)],
    )
    return claimed.length === 0 ? null : insertSession(tx, row.user_id, { id: row.chain_id, loginAt: new Date(session.loginAt) }, now)
  })
  if (rotated === null) return session
  return { ...session, tokenHash: hashSessionToken(rotated.token), expiresAt: rotated.expiresAt, rotated }
}

/** Ends this login on the server: the session and any rotated predecessor still in its grace. */
export async function revokeSession(db: Queryable, session: Pick<ActiveSession, 'userId' | 'chainId'>): Promise<void> {
  await db.query('delete from sessions where user_id = $1 and chain_id = $2', [session.userId, session.chainId])
}

export async function countActiveSessions(db: Queryable, userId: string, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from sessions where user_id = $1 and expires_at > $2::timestamptz',
    [userId, now.toISOString()],
  )
  return row?.n ?? 0
}
