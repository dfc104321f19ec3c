import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes, base64url: 43 characters. Opaque, and unrelated to the openid (WX-LOGIN-3). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps instead of the token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/

/** The token from `Authorization: Bearer <token>`, or null when absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  return header === undefined ? null : (BEARER.exec(header.trim())?.[1] ?? null)
}
