import { isRecord, isString } from '@/utils/value-checks'
import type { Outlet } from '@contract/schemas'
import type { KeyValueStorage } from '@/services/storage'
import { createPersistedStore, useStore } from '@/state/store'

/**
 * The outlet the user chose as their usual one: the outlet, never the location that may have helped
 * find it (WX-LOC-4). Kept on the device for everyone; members also save it on the server.
 */
export interface ChosenOutlet {
  id: string
  name: string
  city: string
}

export interface OutletChoice {
  getSnapshot(): ChosenOutlet | null
  subscribe(listener: () => void): () => void
  choose(outlet: Pick<Outlet, 'id' | 'name' | 'city'>): void
  clear(): void
  reload(): void
}

export const OUTLET_CHOICE_KEY = 'shop.outlet.v1'

function isChosenOutlet(v: unknown): v is ChosenOutlet {
  return isRecord(v) && isString(v.id) && isString(v.name) && isString(v.city)
}

export function createOutletChoice(storage: KeyValueStorage): OutletChoice {
  const persisted = createPersistedStore<ChosenOutlet | null>({
    storage,
    key: OUTLET_CHOICE_KEY,
    parse: (stored) => (isChosenOutlet(stored) ? stored : null),
    serialize: (chosen) => chosen ?? undefined,
  })
  return {
    getSnapshot: persisted.getSnapshot,
    subscribe: persisted.subscribe,
    choose: ({ id, name, city }) => persisted.set({ id, name, city }),
    clear: () => persisted.set(null),
    reload: persisted.reload,
  }
}

/** Subscribes a component to a outlet choice (the app's one is `outletChoice()` from subpackage-root.ts). */
export function useOutletChoice(outlet: OutletChoice): ChosenOutlet | null {
  return useStore(outlet)
}
