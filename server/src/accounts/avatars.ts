import { randomBytes } from 'node:crypto'
import type { Queryable } from '../db/database'

export const AVATAR_MAX_BYTES = 512 * 1024

export const AVATAR_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
} as const
export type AvatarExt = keyof typeof AVATAR_TYPES

export const avatarPath = (key: string, ext: AvatarExt): string => `/api/avatars/${key}.${ext}`

/** The image type from the file's first bytes; the client's file name and content type are not trusted. */
export function detectImageType(bytes: Buffer): AvatarExt | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

/** Stores the user's avatar under a new random key, so the previous URL stops working. */
export async function saveAvatar(db: Queryable, userId: string, bytes: Buffer, ext: AvatarExt, now: Date): Promise<void> {
  await db.query(
    `insert into avatars (user_id, key, ext, bytes, created_at) values ($1, $2, $3, $4, $5::timestamptz)
     on conflict (user_id) do update
     set key = excluded.key, ext = excluded.ext, bytes = excluded.bytes, created_at = excluded.created_at`,
    [userId, randomBytes(16).toString('hex'), ext, bytes, now.toISOString()],
  )
}

export async function deleteAvatar(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from avatars where user_id = $1', [userId])
}

export async function findAvatar(db: Queryable, key: string, ext: AvatarExt): Promise<Buffer | null> {
  const [row] = await db.query<{ bytes: Uint8Array }>('select bytes from avatars where key = $1 and ext = $2', [key, ext])
  return row ? Buffer.from(row.bytes) : null
}
