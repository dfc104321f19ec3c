import { isMobileNumber, normalizePhone, type PhoneOnFile, type PhoneSource } from '../contract'
import type { Queryable } from '../db/database'
import { iso } from '../time'
import type { PhoneCipher } from './phone-cipher'

/** Spaces and dashes, as people type them ("138 0013 8000"), are dropped; null when not a mobile number. */
export function normalizeMobile(raw: string): string | null {
  return isMobileNumber(raw) ? normalizePhone(raw) : null
}

/** "138****8000": the only form in which a number ever leaves the server (WX-DATA-3). */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`
}

export interface PhoneRecord {
  masked: string
  source: PhoneSource
  savedAt: string
}

export async function savePhone(
  db: Queryable,
  cipher: PhoneCipher,
  userId: string,
  mobile: string,
  source: PhoneSource,
  now: Date,
): Promise<PhoneOnFile> {
  const masked = maskMobile(mobile)
  await db.query(
    `insert into phones (user_id, phone_enc, phone_masked, source, saved_at) values ($1, $2, $3, $4, $5::timestamptz)
     on conflict (user_id) do update
     set phone_enc = excluded.phone_enc, phone_masked = excluded.phone_masked, source = excluded.source, saved_at = excluded.saved_at`,
    [userId, cipher.encrypt(mobile, userId), masked, source, now.toISOString()],
  )
  return { masked, source }
}

export async function getPhoneRecord(db: Queryable, userId: string): Promise<PhoneRecord | null> {
  const [row] = await db.query<{ phone_masked: string; source: PhoneSource; saved_at: Date | string }>(
    'select phone_masked, source, saved_at from phones where user_id = $1',
    [userId],
  )
  return row ? { masked: row.phone_masked, source: row.source, savedAt: iso(row.saved_at) } : null
}

/** The stored ciphertext and mask, for copying onto a delivery order without decrypting. */
export async function getEncryptedPhone(db: Queryable, userId: string): Promise<{ encrypted: string; masked: string } | null> {
  const [row] = await db.query<{ phone_enc: string; phone_masked: string }>(
    'select phone_enc, phone_masked from phones where user_id = $1',
    [userId],
  )
  return row ? { encrypted: row.phone_enc, masked: row.phone_masked } : null
}

export async function deletePhone(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from phones where user_id = $1', [userId])
}
