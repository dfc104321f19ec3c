/**
 * What `@tarojs/taro` resolves to under Jest (see jest.config.js): a recording stand-in.
 *
 * Why not the real thing: Taro's page hooks (useRouter, useDidShow, useReachBottom,
 * usePullDownRefresh, useLaunch) read the current page instance that only Taro's runtime creates
 * when its router mounts a page, and Taro's H5 API layer needs that router and a browser build.
 * So the API surface the storefront uses is implemented here, as close to WeChat's behaviour as
 * matters (promises plus success/fail/complete callbacks, errMsg failures, '' for a missing
 * storage key, navigation only to pages registered in app.config), and EVERY call is recorded.
 * That log is how the launch tests prove no privacy, auth or pop-up API ran.
 *
 * Anything not implemented throws when used, naming the API, so nothing is silently faked.
 */
import { useEffect, useRef } from 'react'

export interface TaroCall {
  api: string
  args: unknown[]
}

/** APIs that read personal data, ask for authorization or touch the privacy agreement. */
export const PRIVACY_AND_AUTH_APIS = [
  'login',
  'getUserProfile',
  'getUserInfo',
  'getPhoneNumber',
  'authorize',
  'getSetting',
  'openSetting',
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'chooseAddress',
  'requestSubscribeMessage',
  'chooseMedia',
  'chooseImage',
  'getClipboardData',
  'setClipboardData',
  'getPrivacySetting',
  'requirePrivacyAuthorize',
  'openPrivacyContract',
] as const

/** APIs that put something over the page. None may run on launch. */
export const POPUP_APIS = ['showModal', 'showToast', 'showLoading', 'showActionSheet'] as const

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }
type Hook = 'launch' | 'load' | 'didShow' | 'didHide' | 'ready' | 'reachBottom' | 'pullDownRefresh'
type RequestHandler = (options: { url: string; method?: string; timeout?: number }) => Promise<unknown>

interface FakeState {
  calls: TaroCall[]
  storage: Map<string, unknown>
  router: { path: string; params: Record<string, string> }
  hooks: Map<Hook, Set<{ current: (arg?: unknown) => unknown }>>
  request: RequestHandler | null
  unmockedRequests: string[]
  /** Page paths from app.config, with a leading slash; tab pages separately. */
  pages: Set<string>
  tabPages: Set<string>
  pageStack: string[]
  /** Answers for the next showModal calls (true = confirm); empty means the user cancels. */
  modalAnswers: boolean[]
  /** Per-test implementations of APIs (e.g. login succeeding); cleared after each test. */
  overrides: Map<string, (options: Record<string, unknown>) => unknown>
}

const state: FakeState = {
  calls: [],
  storage: new Map(),
  router: { path: '/pages/index/index', params: {} },
  hooks: new Map(),
  request: null,
  unmockedRequests: [],
  pages: new Set(),
  tabPages: new Set(),
  pageStack: [],
  modalAnswers: [],
  overrides: new Map(),
}

function record(api: string, args: unknown[]): void {
  state.calls.push({ api, args })
}

/** WeChat style: settles both the callbacks and the returned promise. */
function settle<T>(options: Callbacks | undefined, outcome: { ok: true; value: T } | { ok: false; error: unknown }): Promise<T> {
  if (outcome.ok) {
    options?.success?.(outcome.value)
    options?.complete?.(outcome.value)
    return Promise.resolve(outcome.value)
  }
  options?.fail?.(outcome.error)
  options?.complete?.(outcome.error)
  const rejected = Promise.reject(outcome.error)
  // Callers that only pass callbacks never look at the promise; that is not an unhandled failure.
  rejected.catch(() => undefined)
  return rejected
}

function ok(api: string, extra: Record<string, unknown> = {}) {
  return { ok: true as const, value: { errMsg: `${api}:ok`, ...extra } }
}

function fail(api: string, reason: string) {
  return { ok: false as const, error: { errMsg: `${api}:fail ${reason}` } }
}

function pathOf(url: string): string {
  const [path = ''] = url.split('?')
  return path.startsWith('/') ? path : `/${path}`
}

function queryOf(url: string): Record<string, string> {
  const query = url.split('?')[1] ?? ''
  return Object.fromEntries(new URLSearchParams(query))
}

function navigation(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') {
  return (options: Callbacks & { url: string }) => {
    record(api, [options])
    const path = pathOf(options.url)
    if (!state.pages.has(path)) return settle(options, fail(api, `page "${path.slice(1)}" is not found`))
    if (api === 'switchTab' && !state.tabPages.has(path)) return settle(options, fail(api, 'can not switch to no-tabBar page'))
    if (api !== 'switchTab' && state.tabPages.has(path)) return settle(options, fail(api, 'can not navigateTo a tabbar page'))
    if (api === 'navigateTo' && state.pageStack.length >= 10) return settle(options, fail(api, 'webview count limit exceed'))
    if (api === 'navigateTo') state.pageStack.push(path)
    else state.pageStack = [path]
    return settle(options, ok(api))
  }
}

/** Recorded, and fails like a denied request: the storefront must never call these. */
function privacyApi(api: string) {
  return (options?: Callbacks) => {
    record(api, options === undefined ? [] : [options])
    return settle(options, fail(api, 'not available in tests (the storefront must not call it)'))
  }
}

function useRegisteredHook(hook: Hook, callback: (arg?: unknown) => unknown): void {
  // Like Taro's hooks: the latest callback runs, registered while the component is mounted.
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    let set = state.hooks.get(hook)
    if (!set) {
      set = new Set()
      state.hooks.set(hook, set)
    }
    set.add(ref)
    return () => {
      set.delete(ref)
    }
  }, [hook])
}

export const useLaunch = (callback: () => void) => useRegisteredHook('launch', callback)
export const useLoad = (callback: (params: Record<string, string>) => void) =>
  useRegisteredHook('load', () => callback(state.router.params))
export const useDidShow = (callback: () => void) => useRegisteredHook('didShow', callback)
export const useDidHide = (callback: () => void) => useRegisteredHook('didHide', callback)
export const useReady = (callback: () => void) => useRegisteredHook('ready', callback)
export const useReachBottom = (callback: () => void) => useRegisteredHook('reachBottom', callback)
export const usePullDownRefresh = (callback: () => void) => useRegisteredHook('pullDownRefresh', callback)
export function useRouter() {
  return { params: state.router.params, path: state.router.path, onReady: '', onHide: '', onShow: '', shareTicket: undefined, scene: undefined }
}

const api: Record<string, unknown> = {
  useLaunch,
  useLoad,
  useDidShow,
  useDidHide,
  useReady,
  useReachBottom,
  usePullDownRefresh,
  useRouter,

  request(options: Callbacks & { url: string; method?: string; timeout?: number }) {
    record('request', [{ url: options.url, method: options.method ?? 'GET' }])
    const handler = state.request
    if (!handler) {
      state.unmockedRequests.push(options.url)
      return settle(options, fail('request', `unmocked network request to ${options.url}`))
    }
    return handler(options).then(
      (res) => settle(options, { ok: true, value: res }),
      (error: unknown) => settle(options, { ok: false, error }),
    )
  },

  getStorageSync(key: string) {
    record('getStorageSync', [key])
    return state.storage.has(key) ? state.storage.get(key) : ''
  },
  setStorageSync(key: string, data: unknown) {
    record('setStorageSync', [key, data])
    state.storage.set(key, data)
  },
  removeStorageSync(key: string) {
    record('removeStorageSync', [key])
    state.storage.delete(key)
  },
  clearStorageSync() {
    record('clearStorageSync', [])
    state.storage.clear()
  },
  /** Fails unless a test installs an implementation with taroFake.override('uploadFile', …). */
  uploadFile(options: Callbacks & { url: string; filePath: string; name: string }) {
    record('uploadFile', [{ url: options.url, filePath: options.filePath, name: options.name }])
    return settle(options, fail('uploadFile', 'no upload handler in this test'))
  },

  /** WeChat's cashier: fails unless a test installs one with taroFake.override('requestPayment', …). */
  requestPayment(options: Callbacks & Record<string, unknown>) {
    const { success: _s, fail: _f, complete: _c, ...args } = options
    record('requestPayment', [args])
    return settle(options, fail('requestPayment', 'no cashier in this test'))
  },

  navigateTo: navigation('navigateTo'),
  redirectTo: navigation('redirectTo'),
  switchTab: navigation('switchTab'),
  reLaunch: navigation('reLaunch'),
  navigateBack(options?: Callbacks) {
    record('navigateBack', options === undefined ? [] : [options])
    state.pageStack.pop()
    return settle(options, ok('navigateBack'))
  },

  showToast(options: Callbacks & { title: string }) {
    record('showToast', [options])
    return settle(options, ok('showToast'))
  },
  hideToast(options?: Callbacks) {
    record('hideToast', [])
    return settle(options, ok('hideToast'))
  },
  showLoading(options: Callbacks & { title: string }) {
    record('showLoading', [options])
    return settle(options, ok('showLoading'))
  },
  hideLoading(options?: Callbacks) {
    record('hideLoading', [])
    return settle(options, ok('hideLoading'))
  },
  showModal(options: Callbacks & { title?: string; content?: string }) {
    record('showModal', [options])
    const confirm = state.modalAnswers.shift() ?? false
    return settle(options, ok('showModal', { confirm, cancel: !confirm }))
  },
  showActionSheet(options: Callbacks) {
    record('showActionSheet', [options])
    return settle(options, fail('showActionSheet', 'cancel'))
  },
  stopPullDownRefresh(options?: Callbacks) {
    record('stopPullDownRefresh', [])
    return settle(options, ok('stopPullDownRefresh'))
  },
  startPullDownRefresh(options?: Callbacks) {
    record('startPullDownRefresh', [])
    return settle(options, ok('startPullDownRefresh'))
  },
  getCurrentPages() {
    record('getCurrentPages', [])
    return state.pageStack.map((path) => ({ route: path.replace(/^\//, '').replace(/\?.*$/, '') }))
  },
  canIUse(schema: string) {
    record('canIUse', [schema])
    return true
  },
  onNeedPrivacyAuthorization(listener: unknown) {
    // Registering the listener shows nothing and reads nothing; it is allowed at launch.
    record('onNeedPrivacyAuthorization', [listener])
  },
  ...Object.fromEntries(PRIVACY_AND_AUTH_APIS.map((name) => [name, privacyApi(name)])),
}

/**
 * An override runs instead of the default (still recorded under its name), WeChat style: its
 * return value or thrown error settles both the callbacks and the promise.
 */
function overridden(name: string, impl: (options: Record<string, unknown>) => unknown) {
  return (options: Callbacks & Record<string, unknown> = {}) => {
    const { success: _s, fail: _f, complete: _c, ...args } = options
    record(name, [args])
    return Promise.resolve()
      .then(() => impl(args))
      .then(
        (value) => settle(options, { ok: true, value }),
        (error: unknown) => settle(options, { ok: false, error }),
      )
  }
}

const taro: Record<string, unknown> = new Proxy(api, {
  get(target, property) {
    const override = typeof property === 'string' ? state.overrides.get(property) : undefined
    if (override && typeof property === 'string') return overridden(property, override)
    if (typeof property !== 'string' || property in target) return Reflect.get(target, property)
    // Module interop and thenable checks probe these; they are not API calls.
    if (property === 'then' || property === '__esModule' || property === 'default') return undefined
    throw new Error(`Taro.${property} is not implemented by test/utils/taro-api.ts; add it there (and record it)`)
  },
})

export default taro

/** Test-side controls of the fake. */
export const taroFake = {
  /** Every Taro call so far, in order. */
  get calls(): readonly TaroCall[] {
    return state.calls
  },
  apiNames(): string[] {
    return state.calls.map((call) => call.api)
  },
  callsTo(name: string): TaroCall[] {
    return state.calls.filter((call) => call.api === name)
  },
  /** Titles of every toast shown so far. */
  toasts(): string[] {
    return this.callsTo('showToast').map((call) => String((call.args[0] as { title?: unknown }).title))
  },
  /** Raw storage behind get/setStorageSync (values as the app stored them). */
  storage: state.storage,
  setRouter(path: string, params: Record<string, string> = {}) {
    state.router = { path, params }
    state.pageStack = [path]
  },
  /** Routes Taro.request to a handler (e.g. FakeBackend.taroRequest); null = no network mocked. */
  setRequestHandler(handler: RequestHandler | null) {
    state.request = handler
  },
  /** URLs requested while no handler was installed; setup.ts fails the test if any. */
  get unmockedRequests(): readonly string[] {
    return state.unmockedRequests
  },
  /** Page paths from app.config; navigation to anything else fails like on WeChat. */
  registerPages(pages: string[], tabPages: string[]) {
    state.pages = new Set(pages.map((p) => `/${p}`))
    state.tabPages = new Set(tabPages.map((p) => `/${p}`))
  },
  /** Runs the callbacks registered through a lifecycle hook (what the framework would do). */
  async fire(hook: Hook, arg?: unknown): Promise<void> {
    const callbacks = [...(state.hooks.get(hook) ?? [])]
    await Promise.all(callbacks.map((ref) => ref.current(arg)))
  },
  hookCount(hook: Hook): number {
    return state.hooks.get(hook)?.size ?? 0
  },
  queryOf,
  /** The user's answers to the next modals, in order (true = confirm). Unanswered modals cancel. */
  answerModals(...answers: boolean[]) {
    state.modalAnswers.push(...answers)
  },
  /** Replaces an API for this test, e.g. override('login', () => ({ code: 'c1' })). Throw to fail. */
  override(name: string, impl: (options: Record<string, unknown>) => unknown) {
    state.overrides.set(name, impl)
  },
  reset() {
    state.modalAnswers = []
    state.overrides.clear()
    state.calls = []
    state.storage.clear()
    state.router = { path: '/pages/index/index', params: {} }
    state.request = null
    state.unmockedRequests = []
    state.pageStack = []
    // Hook registrations belong to mounted components; cleanup() unmounts them.
  },
}
