/**
 * Shapes shared by the privacy service and its platform adapters. The platform interface mirrors
 * WeChat's privacy APIs one to one (promise-based), so the weapp adapter is a thin wrapper and the
 * H5 adapter is an emulation of the same state machine.
 */

/** What `onNeedPrivacyAuthorization`'s resolve accepts. */
export type PrivacyResolution =
  | { event: 'agree'; buttonId: string }
  | { event: 'disagree' }
  | { event: 'exposureAuthorization' }

export type NeedPrivacyAuthorizationListener = (
  resolve: (resolution: PrivacyResolution) => void,
  eventInfo: { referrer: string },
) => void

export interface PrivacySetting {
  needAuthorization: boolean
  privacyContractName: string
}

export interface FuzzyLocation {
  latitude: number
  longitude: number
}

/** Per-template result of requestSubscribeMessage. */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter'

export interface AuthSetting {
  [scope: string]: boolean | undefined
}

/** The raw failure shape of a WeChat callback API (`fail(res)`). */
export interface PlatformFailure {
  errMsg: string
  errno?: number
  errCode?: number
}

/**
 * Everything the privacy service needs from the host platform. Nothing outside
 * src/services/privacy/ may call these APIs directly (WX-PRIV-7).
 * @supported weapp (platform.ts), h5 (platform.h5.ts, emulated)
 */
export interface PrivacyPlatform {
  readonly name: 'weapp' | 'h5'
  /** False on base libraries older than 2.32.3, which have no privacy-agreement APIs. */
  supportsPrivacyAgreement(): boolean
  getPrivacySetting(): Promise<PrivacySetting>
  /** Registering again replaces the previous listener (WeChat semantics). */
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): void
  /** Resolves when the user agreed; rejects with a PlatformFailure when not. */
  requirePrivacyAuthorize(): Promise<void>
  openPrivacyContract(): Promise<void>
  /** wx.login: a one-time code for the server's code2Session. */
  login(): Promise<{ code: string }>
  getFuzzyLocation(): Promise<FuzzyLocation>
  requestSubscribeMessage(templateIds: string[]): Promise<Record<string, SubscribeDecision>>
  getSetting(): Promise<AuthSetting>
  openSetting(): Promise<AuthSetting>
}

/** Synchronous string storage, shared with the rest of the app (src/services/storage.ts). */
export type { KeyValueStorage } from '../storage'

export interface Clock {
  now(): number
}
