import { randomBytes } from 'node:crypto'
import type { UserProfile } from '../contract'
import type { Queryable } from '../db/database'
import { iso } from '../time'
import { avatarPath, type AvatarExt } from './avatars'

/** "u" + 20 hex digits: random, so ids reveal neither the openid nor how many users there are. */
export const newUserId = (): string => `u${randomBytes(10).toString('hex')}`

/** The account for an openid, created on first login. */
export async function upsertUser(db: Queryable, openid: string, unionid: string | undefined, now: Date): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into users (id, openid, unionid, created_at, updated_at) values ($1, $2, $3, $4::timestamptz, $4::timestamptz)
     on conflict (openid) do update set unionid = coalesce(excluded.unionid, users.unionid)
     returning id`,
    [newUserId(), openid, unionid ?? null, now.toISOString()],
  )
  if (!row) throw new Error('upsert returned no row')
  return row.id
}

export async function findUserIdByOpenid(db: Queryable, openid: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>('select id from users where openid = $1', [openid])
  return row?.id ?? null
}

export async function openidOf(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.query<{ openid: string }>('select openid from users where id = $1', [userId])
  return row?.openid ?? null
}

interface ProfileRow {
  id: string
  nickname: string | null
  created_at: Date | string
  avatar_key: string | null
  avatar_ext: AvatarExt | null
  phone_masked: string | null
}

/** What the user gave, as only they may see it (WX-PROFILE-4: never served to anyone else). */
export async function getProfile(db: Queryable, userId: string): Promise<UserProfile | null> {
  const [row] = await db.query<ProfileRow>(
    `select u.id, u.nickname, u.created_at, a.key as avatar_key, a.ext as avatar_ext, p.phone_masked
     from users u
     left join avatars a on a.user_id = u.id
     left join phones p on p.user_id = u.id
     where u.id = $1`,
    [userId],
  )
  if (!row) return null
  return {
    id: row.id,
    nickname: row.nickname,
    avatarUrl: row.avatar_key && row.avatar_ext ? avatarPath(row.avatar_key, row.avatar_ext) : null,
    phoneMasked: row.phone_masked,
    createdAt: iso(row.created_at),
  }
}

export async function setNickname(db: Queryable, userId: string, nickname: string, now: Date): Promise<void> {
  await db.query('update users set nickname = $2, updated_at = $3::timestamptz where id = $1', [userId, nickname, now.toISOString()])
}

export async function clearNickname(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('update users set nickname = null, updated_at = $2::timestamptz where id = $1', [userId, now.toISOString()])
}
