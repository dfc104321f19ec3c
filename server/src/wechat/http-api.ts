import { AccessTokenCache, type FetchedToken } from './access-token'
import {
  isAccessTokenError,
  WeChatError,
  WECHAT_ERRCODES,
  type Code2SessionResult,
  type PhoneNumberResult,
  type SubscribeMessage,
  type WeChatApi,
} from './api'

export const WECHAT_API_BASE = 'https://api.weixin.qq.com'
export const WECHAT_TIMEOUT_MS = 5000

export interface WeChatHttpOptions {
  appId: string
  secret: string
  /** https://api.weixin.qq.com, or a local stub in tests. */
  baseUrl?: string
  timeoutMs?: number
  /** Which build a subscribe message opens: developer, trial or formal (WeChat's default). */
  miniprogramState?: 'developer' | 'trial' | 'formal'
  now?: () => number
}

type Json = Record<string, unknown>

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/** WeChat's official server API over HTTPS (sns/jscode2session, getuserphonenumber, subscribe/send). */
export class WeChatHttpApi implements WeChatApi {
  private readonly baseUrl: string
  private readonly timeoutMs: number
  private readonly tokens: AccessTokenCache

  constructor(private readonly options: WeChatHttpOptions) {
    this.baseUrl = (options.baseUrl ?? WECHAT_API_BASE).replace(/\/+$/, '')
    this.timeoutMs = options.timeoutMs ?? WECHAT_TIMEOUT_MS
    this.tokens = new AccessTokenCache((force) => this.fetchStableToken(force), options.now)
  }

  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({
      appid: this.options.appId,
      secret: this.options.secret,
      js_code: code,
      grant_type: 'authorization_code',
    })
    const body = await this.call('jscode2session', `/sns/jscode2session?${query.toString()}`)
    const openid = text(body.openid)
    const sessionKey = text(body.session_key)
    if (!openid || !sessionKey) throw new WeChatError(WECHAT_ERRCODES.systemBusy, 'jscode2session: answer lacks openid/session_key')
    const unionid = text(body.unionid)
    return unionid ? { openid, unionid, sessionKey } : { openid, sessionKey }
  }

  async getPhoneNumber(code: string): Promise<PhoneNumberResult> {
    const body = await this.withAccessToken((token) =>
      this.call('getuserphonenumber', `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { code }),
    )
    const info = (body.phone_info ?? {}) as Json
    const watermark = (info.watermark ?? {}) as Json
    if (watermark.appid !== undefined && watermark.appid !== this.options.appId) {
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, 'getuserphonenumber: watermark names another appid')
    }
    const phoneNumber = text(info.phoneNumber)
    const purePhoneNumber = text(info.purePhoneNumber)
    if (!phoneNumber || !purePhoneNumber) {
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, 'getuserphonenumber: answer lacks phone_info')
    }
    // Documented as a string, shown as a number in WeChat's own example.
    return { phoneNumber, purePhoneNumber, countryCode: String(info.countryCode ?? '') }
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.withAccessToken((token) =>
      this.call('subscribe/send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        data: message.data,
        lang: 'zh_CN',
        ...(this.options.miniprogramState ? { miniprogram_state: this.options.miniprogramState } : {}),
      }),
    )
  }

  /** Runs a call with the cached token; if WeChat says it is invalid or expired, once more with a new one. */
  private async withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get()
    try {
      return await call(token)
    } catch (error) {
      if (!isAccessTokenError(error)) throw error
      return call(await this.tokens.replace(token))
    }
  }

  private async fetchStableToken(forceRefresh: boolean): Promise<FetchedToken> {
    const body = await this.call('stable_token', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.options.appId,
      secret: this.options.secret,
      force_refresh: forceRefresh,
    })
    const accessToken = text(body.access_token)
    const expiresIn = body.expires_in
    if (!accessToken || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, 'stable_token: answer lacks access_token/expires_in')
    }
    return { accessToken, expiresIn }
  }

  /**
   * GET (no payload) or POST JSON; the parsed answer when errcode is absent or 0, else a
   * WeChatError. Network failures, timeouts and non-JSON answers count as -1 (system busy).
   * The URL is never put into an error: it carries the secret, the code or the access_token.
   */
  private async call(api: string, pathAndQuery: string, payload?: Json): Promise<Json> {
    let response: Response
    try {
      response = await fetch(`${this.baseUrl}${pathAndQuery}`, {
        method: payload ? 'POST' : 'GET',
        headers: payload ? { 'content-type': 'application/json' } : {},
        body: payload ? JSON.stringify(payload) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error instance).
      const timedOut = typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError'
      const reason = timedOut ? 'timed out' : 'request failed'
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, `${api}: ${reason}`)
    }
    let body: unknown
    try {
      body = await response.json()
    } catch {
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, `${api}: HTTP ${response.status} without a JSON answer`)
    }
    if (typeof body !== 'object' || body === null) {
      throw new WeChatError(WECHAT_ERRCODES.systemBusy, `${api}: HTTP ${response.status} with an unexpected answer`)
    }
    const json = body as Json
    const errcode = typeof json.errcode === 'number' ? json.errcode : 0
    if (errcode !== 0) {
      throw new WeChatError(errcode, `${api}: errcode ${errcode} ${typeof json.errmsg === 'string' ? json.errmsg.slice(0, 200) : ''}`.trim())
    }
    if (!response.ok) throw new WeChatError(WECHAT_ERRCODES.systemBusy, `${api}: HTTP ${response.status}`)
    return json
  }
}
