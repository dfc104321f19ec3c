import { isRecord, isString } from '@/utils/value-checks'
import type { Store } from '@contract/schemas'
import type { KeyValueStorage } from '@/services/storage'
import { createPersistedStore, useStore } from '@/state/store'

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
  const store = createPersistedStore<ChosenStore | null>({
    storage,
    key: STORE_CHOICE_KEY,
    parse: (stored) => (isChosenStore(stored) ? stored : null),
    serialize: (chosen) => chosen ?? undefined,
  })
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    choose: ({ id, name, city }) => store.set({ id, name, city }),
    clear: () => store.set(null),
    reload: store.reload,
  }
}

/** Subscribes a component to a store choice (the app's one is `storeChoice()` from subpackage-root.ts). */
export function useStoreChoice(store: StoreChoice): ChosenStore | null {
  return useStore(store)
}
