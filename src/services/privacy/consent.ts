import { createStore } from '@/state/store'
import type { RefusalMemory } from './refusals'
import type { PrivacyPlatform, PrivacyResolution, PrivacySetting } from './types'

export const DEFAULT_CONTRACT_NAME = '《小程序用户隐私保护指引》'

export interface ConsentSnapshot {
  /** True while at least one privacy request waits for the user's decision. */
  open: boolean
  /** The API or component that triggered the current request (for the sheet's wording). */
  referrer: string | null
  contractName: string
  pending: number
}

/** 'not-asked': the agreement was refused before and this request was not a user's tap. */
export type AgreementState = 'agreed' | 'disagreed' | 'not-asked'

/**
 * The privacy-agreement sync (WX-PRIV-1..4). It owns the ONE app-wide
 * onNeedPrivacyAuthorization listener, queues concurrent requests, and exposes a snapshot the
 * consent sheet renders on whichever page is active. The sheet only renders; all state is here.
 */
export interface ConsentManager {
  /** Registers the app-wide listener. Idempotent: later calls do nothing. Shows nothing. */
  install(): void
  /**
   * Makes sure the user agreed before a privacy API runs. Calls getPrivacySetting the first time
   * one is needed; if agreement is needed and allowed to ask, triggers the consent sheet.
   */
  ensureAgreement(referrer: string, trigger: { userInitiated: boolean }): Promise<AgreementState>
  /** The sheet's agree button (openType agreePrivacyAuthorization) was tapped. */
  agree(buttonId: string): void
  /** 拒绝 or the close control: every queued request resolves with disagree. */
  disagree(): void
  /** Tells the platform the sheet is on screen (resolve({event:'exposureAuthorization'})). */
  reportExposure(): void
  openContract(): Promise<void>
  getSnapshot(): ConsentSnapshot
  subscribe(listener: () => void): () => void
}

interface PendingRequest {
  referrer: string
  resolve: (resolution: PrivacyResolution) => void
  exposed: boolean
}

export function createConsentManager(deps: { platform: PrivacyPlatform; refusals: RefusalMemory }): ConsentManager {
  const { platform, refusals } = deps
  const queue: PendingRequest[] = []
  let installed = false
  let agreed = false
  let contractName = DEFAULT_CONTRACT_NAME
  // Read once per launch: whether it said "agreed" or failed, requirePrivacyAuthorize is the
  // authority afterwards (it succeeds at once when the user already agreed).
  let setting: Promise<PrivacySetting> | null = null
  let inFlight: Promise<AgreementState> | null = null
  // requirePrivacyAuthorize reports itself as the referrer; the sheet should name the real API.
  let requestedBy: string | null = null
  const view = createStore<ConsentSnapshot>(buildSnapshot())

  function buildSnapshot(): ConsentSnapshot {
    const head = queue[0]?.referrer ?? null
    const referrer = head === 'requirePrivacyAuthorize' && requestedBy ? requestedBy : head
    return { open: queue.length > 0, referrer, contractName, pending: queue.length }
  }

  function emit(): void {
    // A new object only when something changed, as useSyncExternalStore requires.
    view.set(buildSnapshot())
  }

  function settleAll(resolution: PrivacyResolution): void {
    const settled = queue.splice(0, queue.length)
    settled.forEach((request) => request.resolve(resolution))
    emit()
  }

  function readSetting(): Promise<PrivacySetting> {
    setting ??= platform.getPrivacySetting().then((result) => {
      contractName = result.privacyContractName || DEFAULT_CONTRACT_NAME
      return result
    })
    return setting
  }

  function install(): void {
    if (installed || !platform.supportsPrivacyAgreement()) return
    installed = true
    platform.onNeedPrivacyAuthorization((resolve, eventInfo) => {
      queue.push({ referrer: eventInfo.referrer, resolve, exposed: false })
      emit()
      // A component (chooseAvatar, the nickname input) can raise a request before any sync; fetch
      // the guide's real name for the sheet. A privacy request is under way, so this is its time.
      if (!setting) readSetting().then(emit, () => undefined)
    })
  }

  async function sync(trigger: { userInitiated: boolean }): Promise<AgreementState> {
    try {
      const { needAuthorization } = await readSetting()
      if (!needAuthorization) {
        agreed = true
        return 'agreed'
      }
    } catch {
      // Without the setting we still ask the platform: requirePrivacyAuthorize succeeds at once if agreed.
    }
    if (!refusals.mayPrompt('privacyAgreement', trigger)) return 'not-asked'
    try {
      await platform.requirePrivacyAuthorize()
      agreed = true
      return 'agreed'
    } catch {
      return 'disagreed'
    }
  }

  return {
    install,
    ensureAgreement(referrer, trigger) {
      if (agreed || !platform.supportsPrivacyAgreement()) return Promise.resolve('agreed')
      install()
      requestedBy = referrer
      // Concurrent callers share one sync: one getPrivacySetting, one sheet.
      inFlight ??= sync(trigger).finally(() => {
        inFlight = null
      })
      return inFlight
    },
    agree(buttonId) {
      if (queue.length === 0) return
      agreed = true
      refusals.clear('privacyAgreement')
      settleAll({ event: 'agree', buttonId })
    },
    disagree() {
      if (queue.length === 0) return
      refusals.record('privacyAgreement')
      settleAll({ event: 'disagree' })
    },
    reportExposure() {
      queue.forEach((request) => {
        if (request.exposed) return
        request.exposed = true
        request.resolve({ event: 'exposureAuthorization' })
      })
    },
    openContract() {
      return platform.openPrivacyContract()
    },
    getSnapshot: view.getSnapshot,
    subscribe: view.subscribe,
  }
}
