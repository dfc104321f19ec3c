import { charCount, TEXT_LIMITS } from '../contract'
import { badRequest } from '../errors'

const NICKNAME_MAX_CHARS = TEXT_LIMITS.nickname

// Control characters and line/paragraph separators: a nickname is one line of visible text.
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}]/u

/** The nickname to store: trimmed, 1–32 characters (code points, so an emoji counts once). */
export function normalizeNickname(raw: string): string {
  const nickname = raw.trim()
  const length = charCount(nickname)
  if (length < 1 || length > NICKNAME_MAX_CHARS) throw badRequest(`nickname must be 1 to ${NICKNAME_MAX_CHARS} characters`)
  if (FORBIDDEN.test(nickname)) throw badRequest('nickname must not contain control characters or line breaks')
  return nickname
}
