import { useSyncExternalStore } from 'react'
import { isRecord, isString } from '@/services/api/guards'
import type { Store } from '@/services/api/types'
import { readJson, taroStorage, writeJson, type KeyValueStorage } from '@/services/storage'

/**
 * The store the user chose as their usual one: the store, never the location that may have helped
 * find it (WX-LOC-4). Kept on the device for everyone; members also save it on the server.
 */
export interface ChosenStore {
  id: string
  name: string
  city: string
}

export interface StoreChoice {
  getSnapshot(): ChosenStore | null
  subscribe(listener: () => void): () => void
  choose(store: Pick<Store, 'id' | 'name' | 'city'>): void
  clear(): void
  reload(): void
}

export const STORE_CHOICE_KEY = 'shop.store.v1'

function isChosenStore(v: unknown): v is ChosenStore {
  return isRecord(v) && isString(v.id) && isString(v.name) && isString(v.city)
}

export function createStoreChoice(storage: KeyValueStorage): StoreChoice {
  let snapshot: ChosenStore | null | undefined
  const listeners = new Set<() => void>()

  const current = (): ChosenStore | null => {
    if (snapshot === undefined) {
      const stored = readJson(storage, STORE_CHOICE_KEY)
      snapshot = isChosenStore(stored) ? stored : null
    }
    return snapshot
  }

  const set = (next: ChosenStore | null) => {
    snapshot = next
    if (next) writeJson(storage, STORE_CHOICE_KEY, next)
    else {
      try {
        storage.removeItem(STORE_CHOICE_KEY)
      } catch {
        // Forgetting in memory is what matters for this launch.
      }
    }
    listeners.forEach((listener) => listener())
  }

  return {
    getSnapshot: current,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    choose: ({ id, name, city }) => set({ id, name, city }),
    clear: () => set(null),
    reload() {
      snapshot = undefined
      listeners.forEach((listener) => listener())
    },
  }
}

export const storeChoice: StoreChoice = createStoreChoice(taroStorage)

export function useStoreChoice(store: StoreChoice = storeChoice): ChosenStore | null {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
