import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * WeChat message push in safe mode (安全模式), as WeChat documents it:
 * - the key is base64decode(EncodingAESKey + "="): 43 characters from the admin console → 32 bytes;
 * - the body's `Encrypt` is base64 of AES-256-CBC with IV = the key's first 16 bytes and PKCS#7
 *   padding to 32-byte blocks (not AES's 16);
 * - the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message, and
 *   the appid it is meant for;
 * - `msg_signature` (see push-signature.ts) covers `Encrypt`, so unlike the plain `signature` it
 *   covers the body.
 */

/** The padding block WeChat uses (PKCS#7 over 32 bytes). */
const PAD_BLOCK = 32
const RANDOM_BYTES = 16
const LENGTH_BYTES = 4

/** Parses the 43-character EncodingAESKey; throws a message naming the setting otherwise. */
export function parseEncodingAesKey(text: string, setting = 'WECHAT_PUSH_AES_KEY'): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(text)) throw new Error(`${setting} must be the 43-character EncodingAESKey (letters and digits) from the admin console`)
  const key = Buffer.from(`${text}=`, 'base64')
  if (key.length !== 32) throw new Error(`${setting} does not decode to 32 bytes`)
  return key
}

/** Why an `Encrypt` value was refused; the route answers each with a 4xx. */
export type DecryptFailure = 'not-base64' | 'bad-length' | 'bad-padding' | 'bad-message-length' | 'wrong-appid'

export type DecryptResult = { ok: true; message: string } | { ok: false; why: DecryptFailure }

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decrypts and checks an `Encrypt` value for `appId`; never throws on hostile input. */
export function decryptPushMessage(key: Buffer, encrypt: string, appId: string): DecryptResult {
  if (encrypt === '' || !STRICT_BASE64.test(encrypt)) return { ok: false, why: 'not-base64' }
  const sealed = Buffer.from(encrypt, 'base64')
  // Whole AES blocks, and at least one padding block's worth (random + length always need 20 bytes).
  if (sealed.length < PAD_BLOCK || sealed.length % 16 !== 0) return { ok: false, why: 'bad-length' }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const padded = Buffer.concat([decipher.update(sealed), decipher.final()])
  const padLength = padded[padded.length - 1] ?? 0
  if (padLength < 1 || padLength > PAD_BLOCK || padLength > padded.length) return { ok: false, why: 'bad-padding' }
  for (let i = padded.length - padLength; i < padded.length; i += 1) {
    if (padded[i] !== padLength) return { ok: false, why: 'bad-padding' }
  }
  const plain = padded.subarray(0, padded.length - padLength)
  if (plain.length < RANDOM_BYTES + LENGTH_BYTES) return { ok: false, why: 'bad-message-length' }
  const messageLength = plain.readUInt32BE(RANDOM_BYTES)
  const messageStart = RANDOM_BYTES + LENGTH_BYTES
  if (messageLength > plain.length - messageStart) return { ok: false, why: 'bad-message-length' }
  const receivedAppId = plain.subarray(messageStart + messageLength)
  const expectedAppId = Buffer.from(appId, 'utf8')
  if (receivedAppId.length !== expectedAppId.length || !timingSafeEqual(receivedAppId, expectedAppId)) return { ok: false, why: 'wrong-appid' }
  return { ok: true, message: plain.subarray(messageStart, messageStart + messageLength).toString('utf8') }
}

/**
 * What WeChat's side does: used by tests and the abuse script to send real safe-mode messages (the
 * server itself never encrypts; it answers "success" in plain text).
 */
export function encryptPushMessage(key: Buffer, message: string, appId: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
  const body = Buffer.from(message, 'utf8')
  const length = Buffer.alloc(LENGTH_BYTES)
  length.writeUInt32BE(body.length)
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')])
  const padLength = PAD_BLOCK - (plain.length % PAD_BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(padLength, padLength)])), cipher.final()]).toString('base64')
}

/**
 * Safe-mode settings (WECHAT_PUSH_AES_KEY, WECHAT_PUSH_MODE). With them, encrypted pushes are
 * decrypted; plaintext pushes are refused unless acceptPlain (WeChat's 兼容模式, never in production).
 */
export interface PushSafeMode {
  key: Buffer
  /** The mini program's appid; a decrypted message must end with it. */
  appId: string
  acceptPlain: boolean
}
