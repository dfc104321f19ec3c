import Taro from '@tarojs/taro'
import { callbackApi } from './callback-api'
import type { AuthSetting, FuzzyLocation, KeyValueStorage, PrivacyPlatform, PrivacySetting, SubscribeDecision } from './types'

/**
 * The WeChat adapter: each method is one Taro (wx) call. Storage is unused (WeChat keeps the
 * agreement on its side) but kept in the signature so both adapters are interchangeable.
 * Taro resolves platform.h5.ts instead on H5 builds; Jest resolves this file.
 * @supported weapp
 */
export function createPlatform(_storage: KeyValueStorage): PrivacyPlatform {
  return {
    name: 'weapp',
    supportsPrivacyAgreement: () => Taro.canIUse('getPrivacySetting'),
    getPrivacySetting: () =>
      callbackApi<PrivacySetting>('getPrivacySetting', (options) => Taro.getPrivacySetting(options)),
    onNeedPrivacyAuthorization: (listener) => Taro.onNeedPrivacyAuthorization(listener),
    requirePrivacyAuthorize: () =>
      callbackApi<unknown>('requirePrivacyAuthorize', (options) => Taro.requirePrivacyAuthorize(options)).then(() => undefined),
    openPrivacyContract: () =>
      callbackApi<unknown>('openPrivacyContract', (options) => Taro.openPrivacyContract(options)).then(() => undefined),
    login: () =>
      callbackApi<{ code: string }>('login', (options) => Taro.login(options)).then(({ code }) => ({ code })),
    getFuzzyLocation: () =>
      callbackApi<FuzzyLocation>('getFuzzyLocation', (options) => Taro.getFuzzyLocation({ ...options, type: 'gcj02' }))
        .then(({ latitude, longitude }) => ({ latitude, longitude })),
    requestSubscribeMessage: (templateIds) =>
      callbackApi<Record<string, unknown>>('requestSubscribeMessage', (options) =>
        Taro.requestSubscribeMessage({ ...options, tmplIds: templateIds, entityIds: [] }),
      ).then((result) => pickDecisions(result, templateIds)),
    getSetting: () =>
      callbackApi<Taro.getSetting.SuccessCallbackResult>('getSetting', (options) => Taro.getSetting(options))
        .then((result) => toAuthSetting(result.authSetting)),
    openSetting: () =>
      callbackApi<Taro.openSetting.SuccessCallbackResult>('openSetting', (options) => Taro.openSetting(options))
        .then((result) => toAuthSetting(result.authSetting)),
  }
}

function toAuthSetting(raw: object): AuthSetting {
  const setting: AuthSetting = {}
  for (const [scope, granted] of Object.entries(raw)) {
    if (typeof granted === 'boolean') setting[scope] = granted
  }
  return setting
}

const DECISIONS: readonly SubscribeDecision[] = ['accept', 'reject', 'ban', 'filter']

/** The success result mixes template ids with errMsg; keep only known decisions for our ids. */
export function pickDecisions(result: Record<string, unknown>, templateIds: string[]): Record<string, SubscribeDecision> {
  const decisions: Record<string, SubscribeDecision> = {}
  for (const id of templateIds) {
    const value = result[id]
    decisions[id] = DECISIONS.includes(value as SubscribeDecision) ? (value as SubscribeDecision) : 'reject'
  }
  return decisions
}
