import { DECLARABLE_APIS } from '../../../tools/weapp/privacy-config'
import type { CallLog } from './call-log'
import { isDeclared } from './declarations'
import type { Device } from './device'
import type { Answer, PromptKind, UserScript } from './user-script'

/**
 * WeChat's privacy platform as documented. Sources (named at each rule below):
 * - seed 002 = 「小程序隐私协议开发指南」 (/work/shared/seeds/002_*.txt), §二.2–3, §五, §六;
 * - 官方文档 = developers.weixin.qq.com: 授权 (wx.authorize, wx.openSetting), 订阅消息
 *   (wx.requestSubscribeMessage), 全局配置 requiredPrivateInfos, 手机号快速验证组件, 头像昵称填写.
 */
export type Failure = { errMsg: string; errno?: number; errCode?: number }
type Options = { success?: (result: unknown) => void; fail?: (failure: Failure) => void; complete?: (result: unknown) => void }
export type PrivacyListener = (resolve: (resolution: unknown) => void, eventInfo: { referrer: string }) => void

/** seed 002 §六: within 10 s of a refusal the platform answers with the refusal error, without a prompt. */
export const REPROMPT_SUPPRESSION_MS = 10_000
export const ERRNO = { notDeclared: 112, privacyDisagreed: 104, phoneQuota: 1400001 } as const
/** A fixed place (Shanghai People's Square, gcj02) that getFuzzyLocation reports. */
export const FUZZY_LOCATION = { latitude: 31.23, longitude: 121.47 }
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex')

export interface PlatformContext {
  device: Device
  user: UserScript
  log: CallLog
  now(): number
  declaredTypes: readonly string[]
  requiredPrivateInfos: readonly string[]
  route(): string | null
  /** True while a user's tap is being handled (WeChat's "user TAP gesture"). */
  inTap(): boolean
  /** A test error: the package did something WeChat would reject, or a prompt had no scripted answer. */
  report(problem: string): void
}

function settle(options: Options | undefined, outcome: { ok: true; result: Record<string, unknown> } | { ok: false; failure: Failure }): void {
  if (outcome.ok) options?.success?.(outcome.result)
  else options?.fail?.(outcome.failure)
  options?.complete?.(outcome.ok ? outcome.result : outcome.failure)
}

export class PrivacyPlatform {
  private listener: PrivacyListener | null = null
  private lastRefusalAt: number | null = null
  /** Ids of agreePrivacyAuthorization buttons the user tapped; resolve({event:'agree'}) must name one. */
  private readonly tappedAgreeButtons = new Set<string>()
  private loginCount = 0

  constructor(private readonly ctx: PlatformContext) {}

  private record(name: string, outcome: string): void {
    this.ctx.log.add({ name, outcome, route: this.ctx.route(), inTap: this.ctx.inTap() })
  }

  private ask(kind: PromptKind, what: string): Answer | null {
    const answer = this.ctx.user.answer(kind, what)
    if (answer === null) this.ctx.report(`no scripted answer for the ${kind} prompt (${what})`)
    return answer
  }

  /**
   * The agreement gate every privacy API and component passes (seed 002 §二.1–3, §五, §六):
   * undeclared → errno 112 at once; agreed → go on; refused < 10 s ago → the refusal error without
   * a prompt; otherwise the app's ONE onNeedPrivacyAuthorization listener is called and the call
   * waits for its resolve (no listener → WeChat's official popup, answered by the user script).
   */
  async gate(api: string): Promise<Failure | null> {
    if (!isDeclared(api, this.ctx.declaredTypes)) {
      return { errMsg: `${api}:fail api scope is not declared in the privacy agreement`, errno: ERRNO.notDeclared }
    }
    if (this.ctx.device.privacyAgreed) return null
    const refused = { errMsg: `${api}:fail privacy permission is not authorized`, errno: ERRNO.privacyDisagreed }
    if (this.lastRefusalAt !== null && this.ctx.now() - this.lastRefusalAt < REPROMPT_SUPPRESSION_MS) {
      this.record('privacy prompt', `suppressed (refused < 10 s ago, ${api})`)
      return refused
    }
    const agreed = this.listener ? await this.askListener(this.listener, api) : this.officialPopup(api)
    if (agreed) return null
    this.lastRefusalAt = this.ctx.now()
    return refused
  }

  private askListener(listener: PrivacyListener, api: string): Promise<boolean> {
    this.record('privacy prompt', `listener called (${api})`)
    return new Promise((resolve) => {
      listener((resolution) => {
        const { event, buttonId } = (resolution ?? {}) as { event?: unknown; buttonId?: unknown }
        if (event === 'exposureAuthorization') return
        if (event === 'agree') {
          if (typeof buttonId !== 'string' || !this.tappedAgreeButtons.has(buttonId) || !this.ctx.device.privacyAgreed) {
            this.ctx.report(`resolve({event:'agree', buttonId:${String(buttonId)}}) without a tap on that agreePrivacyAuthorization button`)
            resolve(false)
            return
          }
          this.record('privacy prompt', 'agree')
          resolve(true)
          return
        }
        if (event === 'disagree') {
          this.record('privacy prompt', 'disagree')
          resolve(false)
          return
        }
        this.ctx.report(`onNeedPrivacyAuthorization resolve() got an unknown event: ${JSON.stringify(resolution)}`)
      }, { referrer: api })
    })
  }

  private officialPopup(api: string): boolean {
    const answer = this.ask('officialPrivacyPopup', api)
    this.record('official privacy popup', answer ?? 'unanswered')
    if (answer === 'agree') this.ctx.device.privacyAgreed = true
    return answer === 'agree'
  }

  /** A tap on <button open-type="agreePrivacyAuthorization">: WeChat records the agreement (seed 002 §二.2). */
  agreeButtonTapped(buttonId: string): void {
    this.ctx.device.privacyAgreed = true
    this.tappedAgreeButtons.add(buttonId)
    this.record('agreePrivacyAuthorization button', `tap #${buttonId}`)
  }

  // ---- wx.* APIs ---------------------------------------------------------------------------

  getPrivacySetting(options?: Options): void {
    const needAuthorization = !this.ctx.device.privacyAgreed
    this.record('getPrivacySetting', `needAuthorization ${needAuthorization}`)
    settle(options, { ok: true, result: { needAuthorization, privacyContractName: '《小店隐私保护指引》', errMsg: 'getPrivacySetting:ok' } })
  }

  /** seed 002 §二.3: one listener per app; registering again replaces it (PRIV-3's reading). */
  onNeedPrivacyAuthorization(listener: PrivacyListener): void {
    this.record('onNeedPrivacyAuthorization', this.listener ? 'listener replaced' : 'listener set')
    this.listener = listener
  }

  requirePrivacyAuthorize(options?: Options): void {
    void this.gate('requirePrivacyAuthorize').then((failure) => {
      this.record('requirePrivacyAuthorize', failure ? `fail ${failure.errno ?? ''}`.trim() : 'ok')
      settle(options, failure ? { ok: false, failure } : { ok: true, result: { errMsg: 'requirePrivacyAuthorize:ok' } })
    })
  }

  openPrivacyContract(options?: Options): void {
    this.record('openPrivacyContract', 'ok')
    settle(options, { ok: true, result: { errMsg: 'openPrivacyContract:ok' } })
  }

  /** wx.login is not a privacy interface (not in the 指引 table): no gate, a fresh code each call. */
  login(options?: Options): void {
    this.loginCount += 1
    const code = `weapp_${this.loginCount}_${Math.random().toString(16).slice(2, 10)}`
    this.record('login', 'ok')
    settle(options, { ok: true, result: { code, errMsg: 'login:ok' } })
  }

  getFuzzyLocation(options?: Options): void {
    void this.locationApi('getFuzzyLocation').then((failure) => {
      this.record('getFuzzyLocation', failure ? `fail ${failure.errMsg.replace(/^\w+:fail /, '')}` : 'ok')
      settle(options, failure ? { ok: false, failure } : { ok: true, result: { ...FUZZY_LOCATION, errMsg: 'getFuzzyLocation:ok' } })
    })
  }

  private async locationApi(api: string): Promise<Failure | null> {
    // 官方文档 全局配置 requiredPrivateInfos: an undeclared location API fails before anything else.
    if (api in DECLARABLE_APIS && !this.ctx.requiredPrivateInfos.includes(api)) {
      return { errMsg: `${api}:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json` }
    }
    const gated = await this.gate(api)
    if (gated) return gated
    const scope = DECLARABLE_APIS[api]
    return scope ? this.scopeAuthorization(api, scope) : null
  }

  /** 官方文档 wx.authorize: asks once; after a refusal it fails at once without a prompt. */
  private scopeAuthorization(api: string, scope: string): Failure | null {
    const current = this.ctx.device.authSetting[scope]
    if (current === true) return null
    if (current === false) return { errMsg: `${api}:fail auth deny` }
    const answer = this.ask('authorize', scope)
    this.record('authorize prompt', `${scope} ${answer ?? 'unanswered'}`)
    this.ctx.device.authSetting[scope] = answer === 'allow'
    return answer === 'allow' ? null : { errMsg: `${api}:fail auth deny` }
  }

  authorize(options?: Options & { scope?: string }): void {
    const scope = options?.scope ?? ''
    const failure = this.scopeAuthorization('authorize', scope)
    this.record('authorize', failure ? 'fail auth deny' : 'ok')
    settle(options, failure ? { ok: false, failure } : { ok: true, result: { errMsg: 'authorize:ok' } })
  }

  getSetting(options?: Options): void {
    this.record('getSetting', 'ok')
    settle(options, { ok: true, result: { authSetting: { ...this.ctx.device.authSetting }, errMsg: 'getSetting:ok' } })
  }

  /** 官方文档 wx.openSetting: since 2.3.0 only from a tap; the user may turn refused scopes back on. */
  openSetting(options?: Options): void {
    if (!this.ctx.inTap()) {
      this.record('openSetting', 'fail not in a tap')
      settle(options, { ok: false, failure: { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' } })
      return
    }
    const answer = this.ask('openSetting', 'turn refused scopes on?')
    if (answer === 'allow') {
      for (const scope of Object.keys(this.ctx.device.authSetting)) this.ctx.device.authSetting[scope] = true
    }
    this.record('openSetting', answer === 'allow' ? 'scopes turned on' : 'unchanged')
    settle(options, { ok: true, result: { authSetting: { ...this.ctx.device.authSetting }, errMsg: 'openSetting:ok' } })
  }

  /** 官方文档 wx.requestSubscribeMessage: only from a tap; 1–3 template ids per call (errCode 20003 beyond). */
  requestSubscribeMessage(options?: Options & { tmplIds?: unknown }): void {
    const ids = Array.isArray(options?.tmplIds) ? options.tmplIds.map(String) : []
    if (!this.ctx.inTap()) {
      this.record('requestSubscribeMessage', 'fail not in a tap')
      settle(options, { ok: false, failure: { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' } })
      return
    }
    if (ids.length === 0 || ids.length > 3) {
      this.record('requestSubscribeMessage', `fail ${ids.length} templates`)
      settle(options, { ok: false, failure: { errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds', errCode: 20003 } })
      return
    }
    const answer = this.ask('subscribe', ids.join(','))
    const decision = answer === 'accept' ? 'accept' : 'reject'
    this.record('requestSubscribeMessage', `${ids.length} × ${decision}`)
    settle(options, { ok: true, result: { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(ids.map((id) => [id, decision])) } })
  }

  // ---- privacy components (the view layer calls these on a tap) ------------------------------

  /** 官方文档 手机号快速验证组件 + seed 002 §二.3: the gate first, then WeChat's phone sheet. */
  async phoneButton(): Promise<Record<string, unknown>> {
    const gated = await this.gate('getPhoneNumber')
    if (gated) {
      this.record('getPhoneNumber button', `fail ${gated.errno ?? ''}`.trim())
      return gated
    }
    const answer = this.ask('phoneNumber', 'share the WeChat phone number?')
    this.record('getPhoneNumber button', answer ?? 'unanswered')
    if (answer === 'allow') return { errMsg: 'getPhoneNumber:ok', code: `weappphone_${Math.random().toString(16).slice(2, 12)}` }
    if (answer === 'quota') return { errMsg: 'getPhoneNumber:fail quota exhausted', errno: ERRNO.phoneQuota }
    return { errMsg: 'getPhoneNumber:fail user deny' }
  }

  /** 官方文档 头像昵称填写 + seed 002 §二.3: the gate first; a cancelled chooser fires no event. */
  async avatarButton(): Promise<Record<string, unknown> | null> {
    const gated = await this.gate('chooseAvatar')
    if (gated) {
      this.record('chooseAvatar button', `fail ${gated.errno ?? ''}`.trim())
      return null
    }
    const answer = this.ask('chooseAvatar', 'pick an avatar')
    this.record('chooseAvatar button', answer ?? 'unanswered')
    return answer === 'allow' ? { avatarUrl: this.ctx.device.writeTempFile(PNG_BYTES, 'png') } : null
  }

  /**
   * seed 002 §二.3: focusing <input type="nickname"> before the agreement does NOT raise
   * onNeedPrivacyAuthorization; the input degrades to a plain text input (no nickname offer, no review).
   */
  nicknameInputMode(): 'nickname' | 'text' {
    const mode = this.ctx.device.privacyAgreed ? 'nickname' : 'text'
    this.record('nickname input', mode === 'nickname' ? 'nickname keyboard' : 'degraded to text (no privacy event)')
    return mode
  }

  nicknameReview(): { pass: boolean; timeout: boolean } {
    const answer = this.ctx.user.optional('nicknameReview') ?? 'pass'
    return { pass: answer === 'pass', timeout: answer === 'timeout' }
  }
}
