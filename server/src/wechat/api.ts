/**
 * What the app needs from WeChat's server API. Two implementations: WeChatHttpApi (the real
 * HTTPS endpoints) and SandboxWeChat (no credentials: dev, tests, H5), which behaves alike,
 * error codes included, so routes never know which one they talk to.
 */

export interface Code2SessionResult {
  openid: string
  unionid?: string
  /** WeChat's key for this user's encrypted data. Never stored, never sent to the client. */
  sessionKey: string
}

export interface PhoneNumberResult {
  /** With the country code for numbers outside mainland China. */
  phoneNumber: string
  purePhoneNumber: string
  countryCode: string
}

export interface SubscribeMessage {
  openid: string
  templateId: string
  /** A page of this mini program opened from the message, e.g. "pages/order/detail?id=o1". */
  page: string
  /** Template fields, e.g. { phrase1: { value: '已发货' } }; keys come from the template. */
  data: Record<string, { value: string }>
}

export interface WeChatApi {
  code2Session(code: string): Promise<Code2SessionResult>
  getPhoneNumber(code: string): Promise<PhoneNumberResult>
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>
}

/** The errcodes the app reacts to; any other non-zero errcode is treated like -1 (busy). */
export const WECHAT_ERRCODES = {
  systemBusy: -1,
  accessTokenInvalid: 40001,
  invalidCode: 40029,
  accessTokenExpired: 42001,
  notSubscribed: 43101,
  rateLimited: 45011,
  riskyUser: 40226,
  phoneQuota: 1400001,
} as const

/**
 * A failed WeChat call. The message is for logs: it names the API and WeChat's errcode/errmsg
 * (which carries a request id for WeChat support) and never the code, token or secret sent.
 */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message)
    this.name = 'WeChatError'
  }
}

export const isAccessTokenError = (error: unknown): boolean =>
  error instanceof WeChatError &&
  (error.errcode === WECHAT_ERRCODES.accessTokenInvalid || error.errcode === WECHAT_ERRCODES.accessTokenExpired)
