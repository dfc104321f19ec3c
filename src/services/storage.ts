import Taro from '@tarojs/taro'

/**
 * Synchronous string storage, injected into stores so tests can use a recording fake. Same shape
 * as the privacy service's storage, so one fake serves both.
 */
export interface KeyValueStorage {
  /** The stored string, or null when missing or not a string. */
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** The app's storage: Taro's sync storage API (wx storage on weapp, localStorage on H5). */
export const taroStorage: KeyValueStorage = {
  getItem(key) {
    // Taro returns '' for a missing key, and anything for a key someone else wrote.
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem(key, value) {
    Taro.setStorageSync(key, value)
  },
  removeItem(key) {
    Taro.removeStorageSync(key)
  },
}

/** Reads and parses a JSON value; a missing key, unreadable storage or corrupt JSON all give undefined. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  let raw: string | null
  try {
    raw = storage.getItem(key)
  } catch {
    return undefined
  }
  if (raw === null) return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

/** Writes a JSON value; returns false when storage refused it (e.g. quota), so callers keep working in memory. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}
