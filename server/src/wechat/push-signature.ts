import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * WeChat signs every message-push request (and the URL check): signature = sha1 of the token,
 * timestamp and nonce sorted as strings and concatenated, in hex. The token is the one entered
 * in the admin console (WECHAT_PUSH_TOKEN).
 */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

export interface SignedQuery {
  signature?: string
  timestamp?: string
  nonce?: string
}

/** False when the token is not configured or any part is missing or wrong. */
export function isValidPushSignature(token: string | null, query: SignedQuery): boolean {
  const { signature, timestamp, nonce } = query
  if (!token || !signature || !timestamp || !nonce) return false
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'utf8')
  const given = Buffer.from(signature.toLowerCase(), 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
