import type { PrivacyItemId } from './catalog'
import type { Clock, KeyValueStorage } from './types'

/** What can be refused: a personal-data item, or the privacy agreement itself. */
export type RefusableId = PrivacyItemId | 'privacyAgreement'

export interface RefusalRecord {
  /** Epoch ms of the latest refusal. */
  at: number
  count: number
}

export type RefusalLog = Partial<Record<RefusableId, RefusalRecord>>

const STORAGE_KEY = 'privacy.refusals.v1'

/**
 * Remembers refusals across relaunches, so the app never re-prompts on its own after a "no"
 * (WX-LOGIN-5, WX-PHONE-4): only a fresh user tap may ask again.
 */
export interface RefusalMemory {
  record(id: RefusableId): void
  clear(id: RefusableId): void
  get(id: RefusableId): RefusalRecord | undefined
  list(): RefusalLog
  /** True when the app may show a prompt for `id` now. */
  mayPrompt(id: RefusableId, trigger: { userInitiated: boolean }): boolean
  clearAll(): void
}

export function createRefusalMemory(storage: KeyValueStorage, clock: Clock): RefusalMemory {
  function read(): RefusalLog {
    const raw = storage.getItem(STORAGE_KEY)
    if (!raw) return {}
    try {
      const parsed: unknown = JSON.parse(raw)
      return isRefusalLog(parsed) ? parsed : {}
    } catch {
      // Corrupt storage must not crash the app; forgetting a refusal only means one more tap-driven ask.
      return {}
    }
  }

  function write(log: RefusalLog): void {
    storage.setItem(STORAGE_KEY, JSON.stringify(log))
  }

  return {
    record(id) {
      const log = read()
      const previous = log[id]
      log[id] = { at: clock.now(), count: (previous?.count ?? 0) + 1 }
      write(log)
    },
    clear(id) {
      const log = read()
      if (!log[id]) return
      delete log[id]
      write(log)
    },
    get(id) {
      return read()[id]
    },
    list: read,
    mayPrompt(id, trigger) {
      return trigger.userInitiated || read()[id] === undefined
    },
    clearAll() {
      storage.removeItem(STORAGE_KEY)
    },
  }
}

function isRefusalLog(value: unknown): value is RefusalLog {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.values(value).every(
    (record: unknown) =>
      typeof record === 'object' && record !== null &&
      typeof (record as RefusalRecord).at === 'number' && typeof (record as RefusalRecord).count === 'number',
  )
}
