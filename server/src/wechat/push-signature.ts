import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * WeChat signs every message-push request (and the URL check): signature = sha1 of the token,
 * timestamp and nonce sorted as strings and concatenated, in hex. The token is the one entered
 * in the admin console (WECHAT_PUSH_TOKEN). In safe mode `msg_signature` adds the body's
 * `Encrypt` to the sorted list, so the signature covers the message too.
 */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypt?: string): string {
  const parts = encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt]
  return createHash('sha1').update(parts.sort().join('')).digest('hex')
}

export interface SignedQuery {
  signature?: string
  timestamp?: string
  nonce?: string
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given.toLowerCase(), 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** False when the token is not configured or any part is missing or wrong. */
export function isValidPushSignature(token: string | null, query: SignedQuery): boolean {
  const { signature, timestamp, nonce } = query
  if (!token || !signature || !timestamp || !nonce) return false
  return sameHex(pushSignature(token, timestamp, nonce), signature)
}

/** Safe mode: `msg_signature` over token, timestamp, nonce and the body's `Encrypt`. */
export function isValidMsgSignature(token: string | null, query: SignedQuery & { msg_signature?: string }, encrypt: string): boolean {
  const { msg_signature: given, timestamp, nonce } = query
  if (!token || !given || !timestamp || !nonce) return false
  return sameHex(pushSignature(token, timestamp, nonce, encrypt), given)
}
