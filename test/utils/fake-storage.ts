import type { KeyValueStorage } from '@/services/storage'

/**
 * Recording in-memory storage for stores under test. Hand the same instance to a second store
 * to simulate a relaunch; set `failWrites` to simulate a full or broken storage.
 */
export interface RecordingStorage extends KeyValueStorage {
  readonly data: Map<string, string>
  /** "get key" / "set key" / "remove key", in order. */
  readonly calls: string[]
  failWrites: boolean
}

export function createRecordingStorage(initial: Record<string, string> = {}): RecordingStorage {
  const data = new Map(Object.entries(initial))
  const calls: string[] = []
  const storage: RecordingStorage = {
    data,
    calls,
    failWrites: false,
    getItem(key) {
      calls.push(`get ${key}`)
      return data.get(key) ?? null
    },
    setItem(key, value) {
      calls.push(`set ${key}`)
      if (storage.failWrites) throw new Error('setStorageSync:fail exceed storage max size 10MB')
      data.set(key, value)
    },
    removeItem(key) {
      calls.push(`remove ${key}`)
      data.delete(key)
    },
  }
  return storage
}
