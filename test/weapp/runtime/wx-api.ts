import type { Device } from './device'
import type { Network } from './network'
import type { PrivacyPlatform } from './privacy-platform'
import type { UserScript } from './user-script'

/** What the wx object needs from the runtime. */
export interface WxHost {
  device: Device
  network: Network
  privacy: PrivacyPlatform
  user: UserScript
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): string | null
  navigateBack(delta: number): string | null
  getCurrentPages(): unknown[]
  toast(title: string): void
  report(problem: string): void
  /** The package's JSON.parse (storage values come back in its realm). */
  parseJson(text: string): unknown
}

type Options = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void }

function done(options: Options | undefined, errMsg: string, result: Record<string, unknown> = {}): void {
  const payload = { ...result, errMsg }
  if (/:fail/.test(errMsg)) options?.fail?.(payload)
  else options?.success?.(payload)
  options?.complete?.(payload)
}

/**
 * The `wx` object: a plain object whose API names are its own enumerable keys (Taro builds
 * Taro.* from Object.keys(wx) at start-up). An API WeChat has but this runtime lacks is simply
 * absent, so the package fails loudly ("is not a function") instead of silently passing.
 */
export function createWx(host: WxHost): Record<string, unknown> {
  const { device, network, privacy } = host
  const storage = {
    setStorageSync(key: string, data: unknown) {
      device.storage.set(key, JSON.stringify(data === undefined ? null : data))
    },
    getStorageSync(key: string): unknown {
      const text = device.storage.get(key)
      return text === undefined ? '' : host.parseJson(text)
    },
    removeStorageSync(key: string) {
      device.storage.delete(key)
    },
    clearStorageSync() {
      device.storage.clear()
    },
    getStorageInfoSync() {
      return { keys: [...device.storage.keys()], currentSize: 0, limitSize: 10240 }
    },
  }
  const navigation = (kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') => (options: Options) => {
    const failure = host.navigate(kind, String(options.url ?? ''))
    done(options, failure ? `${kind}:fail ${failure}` : `${kind}:ok`)
  }
  const systemInfo = {
    brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390,
    windowHeight: 763, statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'iOS 16.0', platform: 'devtools',
    SDKVersion: '3.6.0', safeArea: { top: 47, left: 0, right: 390, bottom: 810, width: 390, height: 763 },
  }
  const wx: Record<string, unknown> = {
    ...storage,
    setStorage: (o: Options) => { storage.setStorageSync(String(o.key), o.data); done(o, 'setStorage:ok') },
    getStorage: (o: Options) => {
      const key = String(o.key)
      if (device.storage.has(key)) done(o, 'getStorage:ok', { data: storage.getStorageSync(key) })
      else done(o, 'getStorage:fail data not found')
    },
    removeStorage: (o: Options) => { storage.removeStorageSync(String(o.key)); done(o, 'removeStorage:ok') },
    clearStorage: (o: Options) => { storage.clearStorageSync(); done(o, 'clearStorage:ok') },
    request: (o: Options) => network.request(o),
    uploadFile: (o: Options) => network.uploadFile(o),
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: (o: Options = {}) => {
      const failure = host.navigateBack(Number(o.delta ?? 1) || 1)
      done(o, failure ? `navigateBack:fail ${failure}` : 'navigateBack:ok')
    },
    getCurrentPages: () => host.getCurrentPages(),
    showToast: (o: Options) => { host.toast(String(o.title ?? '')); done(o, 'showToast:ok') },
    hideToast: (o?: Options) => done(o, 'hideToast:ok'),
    showLoading: (o?: Options) => done(o, 'showLoading:ok'),
    hideLoading: (o?: Options) => done(o, 'hideLoading:ok'),
    showModal: (o: Options) => {
      const answer = host.user.answer('modal', `${String(o.title ?? '')} ${String(o.content ?? '')}`.trim())
      if (answer === null) host.report(`no scripted answer for showModal "${String(o.title ?? '')}"`)
      const confirm = answer === 'allow'
      done(o, 'showModal:ok', { confirm, cancel: !confirm })
    },
    stopPullDownRefresh: (o?: Options) => done(o, 'stopPullDownRefresh:ok'),
    setNavigationBarTitle: (o: Options) => done(o, 'setNavigationBarTitle:ok'),
    pageScrollTo: (o: Options) => done(o, 'pageScrollTo:ok'),
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: (o: Options) => done(o, 'getSystemInfo:ok', { ...systemInfo }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
    canIUse: (schema: string) => typeof wx[String(schema).split('.')[0] ?? ''] === 'function' || String(schema).startsWith('button.open-type'),
    getPrivacySetting: (o: Options) => privacy.getPrivacySetting(o),
    onNeedPrivacyAuthorization: (listener: unknown) => {
      if (typeof listener === 'function') privacy.onNeedPrivacyAuthorization(listener as Parameters<PrivacyPlatform['onNeedPrivacyAuthorization']>[0])
    },
    requirePrivacyAuthorize: (o: Options) => privacy.requirePrivacyAuthorize(o),
    openPrivacyContract: (o: Options) => privacy.openPrivacyContract(o),
    login: (o: Options) => privacy.login(o),
    getFuzzyLocation: (o: Options) => privacy.getFuzzyLocation(o),
    authorize: (o: Options) => privacy.authorize(o),
    getSetting: (o: Options) => privacy.getSetting(o),
    openSetting: (o: Options) => privacy.openSetting(o),
    requestSubscribeMessage: (o: Options) => privacy.requestSubscribeMessage(o),
  }
  return wx
}
