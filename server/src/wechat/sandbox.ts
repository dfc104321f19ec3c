import { createHash } from 'node:crypto'
import {
  WeChatError,
  WECHAT_ERRCODES,
  type Code2SessionResult,
  type PhoneNumberResult,
  type SubscribeMessage,
  type WeChatApi,
} from './api'

/**
 * A stand-in for WeChat when no WECHAT_APPID/WECHAT_SECRET are set (dev, tests, H5 preview).
 *
 * Login codes: any code of 1–128 letters, digits, "_" or "-" logs in (the H5 build sends
 * "h5sandbox_<random>"); the same code always gives the same openid, so a browser that keeps its
 * code keeps its account. Anything else is 40029. Magic codes give WeChat's errors:
 *
 *   sandbox-invalid → 40029 invalid code       sandbox-risky → 40226 risky user
 *   sandbox-ratelimit → 45011 rate limited     sandbox-busy → -1 system busy
 *
 * Phone codes (getPhoneNumber button): any valid code returns 13800138000, except
 * "sandbox-phone-1xxxxxxxxxx", which returns that number, and
 *
 *   sandbox-phone-quota → 1400001 quota used up    sandbox-phone-invalid → 40029
 *   sandbox-phone-busy → -1 system busy
 *
 * Subscribe messages are recorded in `sent` instead of delivered. Like the platform, a message
 * needs one accepted one-time subscription for that user and template, else errcode 43101; in
 * the sandbox the server reports an "accept" through grantSubscription, since there is no WeChat
 * client to tell the platform about the user's tap.
 */
export const SANDBOX_LOGIN_ERRORS: Readonly<Record<string, number>> = {
  'sandbox-invalid': WECHAT_ERRCODES.invalidCode,
  'sandbox-ratelimit': WECHAT_ERRCODES.rateLimited,
  'sandbox-risky': WECHAT_ERRCODES.riskyUser,
  'sandbox-busy': WECHAT_ERRCODES.systemBusy,
}

export const SANDBOX_PHONE_ERRORS: Readonly<Record<string, number>> = {
  'sandbox-phone-quota': WECHAT_ERRCODES.phoneQuota,
  'sandbox-phone-invalid': WECHAT_ERRCODES.invalidCode,
  'sandbox-phone-busy': WECHAT_ERRCODES.systemBusy,
}

export const SANDBOX_PHONE_NUMBER = '13800138000'

const CODE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/
const CHOSEN_NUMBER = /^sandbox-phone-(1[3-9]\d{9})$/

export interface SentMessage extends SubscribeMessage {
  sentAt: Date
}

function digest(purpose: string, code: string): Buffer {
  return createHash('sha256').update(`wx-storefront sandbox ${purpose}\0${code}`).digest()
}

/** The openid the sandbox gives a login code: 28 characters starting with "o", like WeChat's. */
export function sandboxOpenid(code: string): string {
  return `o${digest('openid', code).toString('base64url').slice(0, 27)}`
}

/** The session_key the sandbox gives a login code (tests look for it in responses and logs). */
export function sandboxSessionKey(code: string): string {
  return digest('session_key', code).subarray(0, 16).toString('base64')
}

export class SandboxWeChat implements WeChatApi {
  readonly sent: SentMessage[] = []
  /** "openid template" → how many more messages may be sent. */
  private readonly quota = new Map<string, number>()

  constructor(private readonly now: () => Date = () => new Date()) {}

  async code2Session(code: string): Promise<Code2SessionResult> {
    const errcode = SANDBOX_LOGIN_ERRORS[code]
    if (errcode !== undefined) throw new WeChatError(errcode, `sandbox jscode2session: errcode ${errcode}`)
    if (!CODE_PATTERN.test(code)) throw new WeChatError(WECHAT_ERRCODES.invalidCode, 'sandbox jscode2session: invalid code')
    return { openid: sandboxOpenid(code), sessionKey: sandboxSessionKey(code) }
  }

  async getPhoneNumber(code: string): Promise<PhoneNumberResult> {
    const errcode = SANDBOX_PHONE_ERRORS[code]
    if (errcode !== undefined) throw new WeChatError(errcode, `sandbox getuserphonenumber: errcode ${errcode}`)
    if (!CODE_PATTERN.test(code)) throw new WeChatError(WECHAT_ERRCODES.invalidCode, 'sandbox getuserphonenumber: invalid code')
    const number = CHOSEN_NUMBER.exec(code)?.[1] ?? SANDBOX_PHONE_NUMBER
    return { phoneNumber: number, purePhoneNumber: number, countryCode: '86' }
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const key = `${message.openid} ${message.templateId}`
    const remaining = this.quota.get(key) ?? 0
    if (remaining < 1) {
      throw new WeChatError(WECHAT_ERRCODES.notSubscribed, 'sandbox subscribe/send: errcode 43101 user refuse to accept the msg')
    }
    this.quota.set(key, remaining - 1)
    this.sent.push({ ...message, sentAt: this.now() })
  }

  /** The platform's side of an "accept" tap: one more message may be sent. */
  grantSubscription(openid: string, templateId: string): void {
    const key = `${openid} ${templateId}`
    this.quota.set(key, (this.quota.get(key) ?? 0) + 1)
  }
}
