import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Phone numbers at rest: AES-256-GCM with a random 96-bit IV per value, bound to the user id as
 * associated data, so a ciphertext copied to another user's row does not decrypt. Stored as
 * "v1.<iv>.<tag>.<ciphertext>" (base64url), the version leaving room for key rotation.
 */
export class PhoneCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The phone encryption key must be 32 bytes')
  }

  encrypt(phone: string, userId: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(userId, 'utf8'))
    const ciphertext = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()])
    return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
  }

  /** Throws when the value was altered, belongs to another user or another key. */
  decrypt(stored: string, userId: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.')
    if (version !== 'v1' || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('Unknown phone ciphertext format')
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(Buffer.from(userId, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  }
}

/**
 * The key used when PHONE_ENCRYPTION_KEY is unset outside production. It is derived from a public
 * string, so it protects nothing: the server logs a warning, and refuses it in production.
 */
export const DEVELOPMENT_PHONE_KEY = createHash('sha256').update('wx-privacy-storefront development phone key (public)').digest()
