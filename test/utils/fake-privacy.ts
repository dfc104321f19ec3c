import type {
  AuthSetting,
  Clock,
  FuzzyLocation,
  KeyValueStorage,
  NeedPrivacyAuthorizationListener,
  PlatformFailure,
  PrivacyPlatform,
  PrivacyResolution,
  SubscribeDecision,
} from '@/services/privacy/types'

/**
 * A fake WeChat that behaves like the real one where the privacy service depends on it, and
 * records every call in order: that log is how tests prove no privacy API runs before consent.
 */
export interface FakePrivacyPlatform extends PrivacyPlatform {
  readonly calls: string[]
  /** True once the user agreed (WeChat keeps this on its side). */
  agreed: boolean
  /** Privacy APIs that ran while the agreement was missing: must stay empty. */
  readonly violations: string[]
  resolutions: PrivacyResolution[]
  supported: boolean
  /** The next result or failure of each data API. */
  next: {
    login?: { code: string } | PlatformFailure
    getFuzzyLocation?: FuzzyLocation | PlatformFailure
    requestSubscribeMessage?: Record<string, SubscribeDecision> | PlatformFailure
    openSetting?: AuthSetting
    getPrivacySetting?: PlatformFailure
  }
  /** Simulates a native trigger (a chooseAvatar tap, a nickname input) firing the listener. */
  triggerNative(referrer: string): Promise<PrivacyResolution>
  listenerCount: number
}

function isFailure(value: unknown): value is PlatformFailure {
  return typeof value === 'object' && value !== null && 'errMsg' in value
}

export function createFakePlatform(options: { agreed?: boolean } = {}): FakePrivacyPlatform {
  let listener: NeedPrivacyAuthorizationListener | null = null

  const fake: FakePrivacyPlatform = {
    name: 'weapp',
    calls: [],
    violations: [],
    resolutions: [],
    agreed: options.agreed ?? false,
    supported: true,
    next: {},
    listenerCount: 0,
    supportsPrivacyAgreement: () => fake.supported,
    async getPrivacySetting() {
      fake.calls.push('getPrivacySetting')
      if (fake.next.getPrivacySetting) throw fake.next.getPrivacySetting
      return { needAuthorization: !fake.agreed, privacyContractName: '《测试小店隐私保护指引》' }
    },
    onNeedPrivacyAuthorization(next) {
      fake.calls.push('onNeedPrivacyAuthorization')
      fake.listenerCount += 1
      listener = next
    },
    requirePrivacyAuthorize() {
      fake.calls.push('requirePrivacyAuthorize')
      if (fake.agreed) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        fire('requirePrivacyAuthorize', (resolution) => {
          if (resolution.event === 'agree') resolve()
          else reject({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 })
        })
      })
    },
    async openPrivacyContract() {
      fake.calls.push('openPrivacyContract')
    },
    login: () => dataApi('login', { code: 'code-from-wx-login' }),
    getFuzzyLocation: () => dataApi('getFuzzyLocation', { latitude: 31.2, longitude: 121.5 }),
    requestSubscribeMessage: (ids) =>
      dataApi('requestSubscribeMessage', Object.fromEntries(ids.map((id) => [id, 'accept' as SubscribeDecision]))),
    async getSetting() {
      fake.calls.push('getSetting')
      return {}
    },
    async openSetting() {
      fake.calls.push('openSetting')
      return fake.next.openSetting ?? {}
    },
    triggerNative(referrer) {
      return new Promise((resolve) => fire(referrer, resolve))
    },
  }

  /** WeChat's behaviour: a pending request settles on agree/disagree; exposure is only a report. */
  function fire(referrer: string, settle: (resolution: PrivacyResolution) => void): void {
    if (!listener) throw new Error(`fake WeChat: ${referrer} needs authorization but no listener is registered`)
    listener((resolution) => {
      fake.resolutions.push(resolution)
      if (resolution.event === 'exposureAuthorization') return
      if (resolution.event === 'agree') fake.agreed = true
      settle(resolution)
    }, { referrer })
  }

  async function dataApi<T>(name: keyof FakePrivacyPlatform['next'], fallback: T): Promise<T> {
    fake.calls.push(name)
    // login and subscribe messages are not gated by the privacy agreement in WeChat.
    if (name === 'getFuzzyLocation' && !fake.agreed) fake.violations.push(name)
    const next = fake.next[name]
    delete fake.next[name]
    if (isFailure(next)) throw next
    return (next as T | undefined) ?? fallback
  }

  return fake
}

export interface FakeStorage extends KeyValueStorage {
  readonly data: Map<string, string>
  readonly calls: string[]
}

/** In-memory storage; pass the same instance to a second service to simulate a relaunch. */
export function createFakeStorage(initial: Record<string, string> = {}): FakeStorage {
  const data = new Map(Object.entries(initial))
  const calls: string[] = []
  return {
    data,
    calls,
    getItem(key) {
      calls.push(`get ${key}`)
      return data.get(key) ?? null
    },
    setItem(key, value) {
      calls.push(`set ${key}`)
      data.set(key, value)
    },
    removeItem(key) {
      calls.push(`remove ${key}`)
      data.delete(key)
    },
  }
}

export interface FakeClock extends Clock {
  set(ms: number): void
  advance(ms: number): void
}

export function createFakeClock(start = Date.UTC(2026, 10, 21, 8, 0, 0)): FakeClock {
  let current = start
  return {
    now: () => current,
    set(ms) {
      current = ms
    },
    advance(ms) {
      current += ms
    },
  }
}

/** Lets queued promise callbacks run (the service awaits the platform between steps). */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve()
}
