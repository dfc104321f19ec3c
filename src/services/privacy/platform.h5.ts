import Taro from '@tarojs/taro'
import { DEFAULT_CONTRACT_NAME } from './consent'
import type {
  AuthSetting,
  KeyValueStorage,
  NeedPrivacyAuthorizationListener,
  PlatformFailure,
  PrivacyPlatform,
  PrivacyResolution,
  SubscribeDecision,
} from './types'

/** Where the H5 emulation keeps what WeChat would keep on its side. */
const AGREEMENT_KEY = 'privacy.h5.agreement.v1'
const AUTH_KEY = 'privacy.h5.auth.v1'
const LOCATION_SCOPE = 'scope.userFuzzyLocation'

/**
 * A demo "fuzzy" point (central Shanghai, gcj02). The browser's geolocation is precise, which
 * the template never asks for (WX-LOC-1), so the H5 preview uses a fixed city-level point.
 */
export const H5_DEMO_FUZZY_LOCATION = { latitude: 31.23, longitude: 121.47 }

function failure(api: string, errMsg: string, errno?: number): PlatformFailure {
  return { errMsg: `${api}:fail ${errMsg}`, errno }
}

/**
 * The browser adapter. The H5 preview has no WeChat, so this emulates WeChat's behaviour with the
 * same state machine: agreement recorded per browser, onNeedPrivacyAuthorization fired for
 * requirePrivacyAuthorize, system prompts shown as modals. Taro picks this file on H5 builds.
 * @supported h5
 */
export function createPlatform(storage: KeyValueStorage): PrivacyPlatform {
  let listener: NeedPrivacyAuthorizationListener | null = null

  const hasAgreed = () => storage.getItem(AGREEMENT_KEY) !== null

  function readAuth(): AuthSetting {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(AUTH_KEY) ?? '{}')
      return typeof parsed === 'object' && parsed !== null ? (parsed as AuthSetting) : {}
    } catch {
      return {}
    }
  }

  function writeAuth(scope: string, granted: boolean): void {
    storage.setItem(AUTH_KEY, JSON.stringify({ ...readAuth(), [scope]: granted }))
  }

  async function confirm(title: string, content: string): Promise<boolean> {
    const result = await Taro.showModal({ title, content, confirmText: '允许', cancelText: '拒绝' })
    return result.confirm
  }

  return {
    name: 'h5',
    supportsPrivacyAgreement: () => true,
    getPrivacySetting: async () => ({ needAuthorization: !hasAgreed(), privacyContractName: DEFAULT_CONTRACT_NAME }),
    onNeedPrivacyAuthorization(next) {
      listener = next
    },
    requirePrivacyAuthorize() {
      if (hasAgreed()) return Promise.resolve()
      const current = listener
      if (!current) return Promise.reject(failure('requirePrivacyAuthorize', 'privacy permission is not authorized', 104))
      return new Promise<void>((resolve, reject) => {
        current((resolution: PrivacyResolution) => {
          if (resolution.event === 'agree') {
            storage.setItem(AGREEMENT_KEY, JSON.stringify({ buttonId: resolution.buttonId }))
            resolve()
          } else if (resolution.event === 'disagree') {
            reject(failure('requirePrivacyAuthorize', 'privacy permission is not authorized', 104))
          }
        }, { referrer: 'requirePrivacyAuthorize' })
      })
    },
    openPrivacyContract: async () => {
      await Taro.navigateTo({ url: '/packagePrivacy/guide' })
    },
    login: async () => ({ code: `h5sandbox_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}` }),
    async getFuzzyLocation() {
      const granted = readAuth()[LOCATION_SCOPE]
      if (granted === false) throw failure('getFuzzyLocation', 'auth deny')
      if (granted === undefined) {
        const allowed = await confirm('获取你的大致位置', '用于推荐离你最近的门店（H5 预览为模拟位置）')
        writeAuth(LOCATION_SCOPE, allowed)
        if (!allowed) throw failure('getFuzzyLocation', 'auth deny')
      }
      return { ...H5_DEMO_FUZZY_LOCATION }
    },
    async requestSubscribeMessage(templateIds) {
      const allowed = await confirm('订阅消息', '允许发送订单发货与状态通知？（H5 预览为模拟弹窗）')
      const decision: SubscribeDecision = allowed ? 'accept' : 'reject'
      return Object.fromEntries(templateIds.map((id) => [id, decision]))
    },
    getSetting: async () => readAuth(),
    async openSetting() {
      const allowed = await confirm('设置', '允许使用你的大致位置？')
      writeAuth(LOCATION_SCOPE, allowed)
      return readAuth()
    },
  }
}
