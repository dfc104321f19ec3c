import type { Database } from '../db/database'
import { deletePhone } from '../phones/phones'
import { deleteAvatar } from './avatars'
import { clearNickname } from './users'

export type RevocableItem = 'nickname' | 'avatar' | 'phone'

/**
 * RevokeInfo values of WeChat's user_authorization_revoke event that name data this server keeps
 * (6: nickname and avatar, 8: phone number, 19: the WeChat nickname picked in the nickname
 * keyboard, 20: the WeChat avatar picked in the avatar component). Others (address, location,
 * camera, …) are not stored here: delivery addresses are typed per order, and the location never
 * reaches the server.
 */
const REVOKE_INFO_ITEMS: Readonly<Record<string, readonly RevocableItem[]>> = {
  '6': ['nickname', 'avatar'],
  '8': ['phone'],
  '19': ['nickname'],
  '20': ['avatar'],
}

/** The items a RevokeInfo names; it may list several values ("6,8"). */
export function revokedItems(revokeInfo: string): RevocableItem[] {
  const items = new Set<RevocableItem>()
  for (const value of revokeInfo.split(/[\s,|;]+/)) {
    for (const item of REVOKE_INFO_ITEMS[value] ?? []) items.add(item)
  }
  return [...items]
}

/**
 * Deletes what the user revoked, in one transaction. A revoked phone goes from the account and
 * from the user's orders too: we cannot tell which order numbers came from WeChat, so all go.
 */
export async function deleteRevokedData(db: Database, userId: string, items: readonly RevocableItem[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    if (items.includes('nickname')) await clearNickname(tx, userId, now)
    if (items.includes('avatar')) await deleteAvatar(tx, userId)
    if (items.includes('phone')) {
      await deletePhone(tx, userId)
      await tx.query(
        'update orders set phone_enc = null, phone_masked = null, updated_at = $2::timestamptz where user_id = $1 and phone_enc is not null',
        [userId, now.toISOString()],
      )
    }
  })
}
