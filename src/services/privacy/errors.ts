import { privacyItem, type PrivacyItemId } from './catalog'
import type { PlatformFailure } from './types'

export type PrivacyErrorCode =
  /** errno 112: the API's information type is not declared in the 用户隐私保护指引. */
  | 'NOT_DECLARED'
  /** errno 103: the user refused in WeChat's combined authorization popup. */
  | 'USER_DENIED'
  /** errno 104, or our own sheet's 拒绝/close: the privacy agreement was not accepted. */
  | 'AGREEMENT_DISAGREED'
  /** The scope was refused earlier (e.g. `authorize:fail auth deny`). */
  | 'AUTH_DENIED'
  /** The user closed a system picker or prompt. */
  | 'CANCELLED'
  /** Refused before; we do not ask again until the user taps again (WX-LOGIN-5, WX-PHONE-4). */
  | 'REFUSED_EARLIER'
  /** The base library or platform lacks the API. */
  | 'UNSUPPORTED'
  | 'UNKNOWN'

const USER_MESSAGES: Record<PrivacyErrorCode, string> = {
  NOT_DECLARED: '该功能暂时无法使用，你可以继续使用其他功能',
  USER_DENIED: '你已拒绝授权，可继续使用其他方式',
  AGREEMENT_DISAGREED: '你未同意隐私保护指引，该功能暂不可用，其他功能不受影响',
  AUTH_DENIED: '你已拒绝授权，可在设置中重新开启，或使用其他方式',
  CANCELLED: '已取消',
  REFUSED_EARLIER: '你之前已拒绝，如需使用请再次点击',
  UNSUPPORTED: '当前微信版本不支持该功能，请使用其他方式',
  UNKNOWN: '操作未完成，请稍后重试',
}

/** One error shape for every privacy API: `code` for logic, `userMessage` for the UI. */
export class PrivacyError extends Error {
  readonly code: PrivacyErrorCode
  readonly api: string
  readonly itemId: PrivacyItemId | null
  readonly errno: number | undefined
  readonly userMessage: string

  constructor(options: { code: PrivacyErrorCode; api: string; itemId?: PrivacyItemId | null; errno?: number; detail?: string }) {
    const itemId = options.itemId ?? null
    super(`[${options.api}] ${developerMessage(options.code, itemId, options.detail)}`)
    this.name = 'PrivacyError'
    this.code = options.code
    this.api = options.api
    this.itemId = itemId
    this.errno = options.errno
    // For data the app itself asks the agreement for, say what will not work (WX-PRIV-9).
    const withoutAgreement = options.code === 'AGREEMENT_DISAGREED' && itemId ? privacyItem(itemId).agreementFirst?.withoutAgreement : undefined
    this.userMessage = withoutAgreement ?? USER_MESSAGES[options.code]
  }
}

function developerMessage(code: PrivacyErrorCode, itemId: PrivacyItemId | null, detail: string | undefined): string {
  const suffix = detail ? ` (${detail})` : ''
  if (code === 'NOT_DECLARED') {
    const declaration = itemId ? privacyItem(itemId).adminDeclaration : null
    const what = declaration ? `"${declaration}"` : 'the information type this API collects'
    return `errno 112: ${what} is not declared in the 用户隐私保护指引. Declare it in the admin console ` +
      `(设置 → 服务内容声明 → 用户隐私保护指引); a saved declaration takes effect after about 5 minutes. ` +
      `See docs/privacy-declaration.md and docs/release-checklist.md${suffix}`
  }
  return `${code}${suffix}`
}

/** Failures that mean "the user said no"; the service remembers them (WX-LOGIN-5, WX-PHONE-4). */
const REFUSAL_CODES: ReadonlySet<PrivacyErrorCode> = new Set(['USER_DENIED', 'AGREEMENT_DISAGREED', 'AUTH_DENIED'])

export function isRefusal(error: PrivacyError): boolean {
  return REFUSAL_CODES.has(error.code)
}

function isPlatformFailure(value: unknown): value is PlatformFailure {
  return typeof value === 'object' && value !== null && typeof (value as { errMsg?: unknown }).errMsg === 'string'
}

/** Maps a raw WeChat failure (errno + errMsg) to a typed PrivacyError (WX-PRIV-5). */
export function toPrivacyError(api: string, raw: unknown, itemId: PrivacyItemId | null = null): PrivacyError {
  if (raw instanceof PrivacyError) return raw
  if (!isPlatformFailure(raw)) {
    const detail = raw instanceof Error ? raw.message : String(raw)
    return new PrivacyError({ code: 'UNKNOWN', api, itemId, detail })
  }
  const { errno, errMsg } = raw
  const base = { api, itemId, errno, detail: errMsg }
  if (errno === 112 || /not declared in the privacy agreement/.test(errMsg)) return new PrivacyError({ ...base, code: 'NOT_DECLARED' })
  if (errno === 103) return new PrivacyError({ ...base, code: 'USER_DENIED' })
  if (errno === 104 || /privacy permission is not authorized/.test(errMsg)) return new PrivacyError({ ...base, code: 'AGREEMENT_DISAGREED' })
  if (/auth den(y|ied)|authorize no response|permission denied/i.test(errMsg)) return new PrivacyError({ ...base, code: 'AUTH_DENIED' })
  if (/cancel/i.test(errMsg)) return new PrivacyError({ ...base, code: 'CANCELLED' })
  if (/not supported|is not a function|unsupported/i.test(errMsg)) return new PrivacyError({ ...base, code: 'UNSUPPORTED' })
  return new PrivacyError({ ...base, code: 'UNKNOWN' })
}
