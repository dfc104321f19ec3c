import type { Queryable } from '../db/database'
import { iso } from '../time'
import { hashSessionToken, newSessionToken } from './session-tokens'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A session lasts 2 days and slides: a request made when less than half of that remains moves the
 * expiry to 2 days after that request. It therefore never reaches 3 days past the last use, the
 * limit WX-LOGIN-3 sets for the client's token.
 */
export const SESSION_LIFETIME_MS = 2 * DAY_MS
export const SESSION_RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2

export interface NewSession {
  token: string
  expiresAt: string
}

export interface ActiveSession {
  userId: string
  tokenHash: string
  expiresAt: string
}

export async function createSession(db: Queryable, userId: string, now: Date): Promise<NewSession> {
  const token = newSessionToken()
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString()
  // The user's expired sessions are of no use to anyone; drop them while we are here.
  await db.query('delete from sessions where user_id = $1 and expires_at <= $2::timestamptz', [userId, now.toISOString()])
  await db.query(
    `insert into sessions (token_hash, user_id, created_at, last_used_at, expires_at)
     values ($1, $2, $3::timestamptz, $3::timestamptz, $4::timestamptz)`,
    [hashSessionToken(token), userId, now.toISOString(), expiresAt],
  )
  return { token, expiresAt }
}

/** The live session for a token, renewed if due; null when unknown, expired or revoked. One statement. */
export async function touchSession(db: Queryable, token: string, now: Date): Promise<ActiveSession | null> {
  const tokenHash = hashSessionToken(token)
  const [row] = await db.query<{ user_id: string; expires_at: Date | string }>(
    `update sessions
     set last_used_at = $2::timestamptz,
         expires_at = case when expires_at < $3::timestamptz then $4::timestamptz else expires_at end
     where token_hash = $1 and expires_at > $2::timestamptz
     returning user_id, expires_at`,
    [
      tokenHash,
      now.toISOString(),
      new Date(now.getTime() + SESSION_RENEW_BELOW_MS).toISOString(),
      new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    ],
  )
  return row ? { userId: row.user_id, tokenHash, expiresAt: iso(row.expires_at) } : null
}

export async function revokeSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash])
}

export async function countActiveSessions(db: Queryable, userId: string, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from sessions where user_id = $1 and expires_at > $2::timestamptz',
    [userId, now.toISOString()],
  )
  return row?.n ?? 0
}
