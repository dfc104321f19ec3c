import { PrivacyError, isRefusal, toPrivacyError } from './errors'
import type { RefusalMemory } from './refusals'
import type { PlatformFailure } from './types'

/*
 * Only the phone button (checkout, a subpackage page) uses this module, so it is not part of the
 * privacy service object or the barrel (index.ts): that keeps it out of the main package.
 */

/** errno of getPhoneNumber when the mini program's paid quota is used up (WX-PHONE-5). */
export const PHONE_QUOTA_ERRNO = 1400001

/**
 * What a tap on the phone button came to. Every outcome but `code` means "type the number by
 * hand": the manual field is always there, so nothing here blocks an order (WX-PHONE-3).
 */
export type PhoneNumberOutcome =
  /** WX-PHONE-5: a one-time code for the server's getuserphonenumber; never decrypted here. */
  | { kind: 'code'; code: string }
  /** WX-PHONE-4: the user said no; remembered, never asked again until they tap the button again. */
  | { kind: 'refused'; message: string; error: PrivacyError }
  /** Quota used up (errno 1400001), closed, or not available here: fall back to manual entry. */
  | { kind: 'manual'; reason: 'quota' | 'cancelled' | 'unavailable'; message: string; error: PrivacyError }

export const PHONE_MESSAGES = {
  refused: '你未授权微信手机号，请手动填写联系电话',
  quota: '暂时无法获取微信手机号，请手动填写',
  cancelled: '已取消，可手动填写联系电话',
  unavailable: '暂时无法获取微信手机号，请手动填写',
} as const

const API = 'getPhoneNumber'

function readFailure(detail: Record<string, unknown>): PlatformFailure {
  const errMsg = typeof detail.errMsg === 'string' ? detail.errMsg : `${API}:fail no code in the event`
  const errno = typeof detail.errno === 'number' ? detail.errno : undefined
  return { errMsg, errno }
}

const isQuota = ({ errno, errMsg }: PlatformFailure) => errno === PHONE_QUOTA_ERRNO || /quota|1400001/i.test(errMsg)

/**
 * Maps the `getphonenumber` event of `<Button openType="getPhoneNumber">` to an outcome
 * (WX-PHONE-4, WX-PHONE-5). Pure: the refusal bookkeeping is the service's job.
 */
export function toPhoneNumberOutcome(detail: unknown): PhoneNumberOutcome {
  const record = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {}
  const failure = readFailure(record)
  if (!/:fail/.test(failure.errMsg) && typeof record.code === 'string' && record.code !== '') {
    return { kind: 'code', code: record.code }
  }

  const base = { api: API, itemId: 'phoneNumber' as const, errno: failure.errno, detail: failure.errMsg }
  if (isQuota(failure)) {
    return { kind: 'manual', reason: 'quota', message: PHONE_MESSAGES.quota, error: new PrivacyError({ ...base, code: 'UNKNOWN' }) }
  }
  // "getPhoneNumber:fail user deny" is the prompt's 拒绝; the generic mapper knows errno 103/104/112.
  const error = /user den(y|ied)/i.test(failure.errMsg)
    ? new PrivacyError({ ...base, code: 'USER_DENIED' })
    : toPrivacyError(API, failure, 'phoneNumber')
  if (isRefusal(error)) return { kind: 'refused', message: PHONE_MESSAGES.refused, error }
  if (error.code === 'CANCELLED') return { kind: 'manual', reason: 'cancelled', message: PHONE_MESSAGES.cancelled, error }
  return { kind: 'manual', reason: 'unavailable', message: PHONE_MESSAGES.unavailable, error }
}

/**
 * The phone button's getphonenumber event (a tap on the button is the only way to get here): a
 * code for the server, or a manual-entry fallback; a refusal is remembered in the privacy
 * service's refusal memory (WX-PHONE-4, -5).
 */
export function phoneNumberFromEvent(refusals: RefusalMemory, detail: unknown): PhoneNumberOutcome {
  const outcome = toPhoneNumberOutcome(detail)
  if (outcome.kind === 'code') refusals.clear('phoneNumber')
  if (outcome.kind === 'refused') refusals.record('phoneNumber')
  return outcome
}
