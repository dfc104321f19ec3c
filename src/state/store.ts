import { useSyncExternalStore } from 'react'
import { readJson, writeJson, type KeyValueStorage } from '@/services/storage'

/**
 * The one store helper of the app: an observable value for React's useSyncExternalStore, in the
 * spirit of zustand's vanilla store but without a dependency (it is all the app needs, and it keeps
 * the mini program package small).
 */
export interface Store<T> {
  getSnapshot(): T
  subscribe(listener: () => void): () => void
  /** Replaces the value and notifies subscribers (skipped when the value is the same object). */
  set(next: T): void
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(next) {
      if (Object.is(next, value)) return
      value = next
      listeners.forEach((listener) => listener())
    },
  }
}

export interface PersistedStore<T> extends Store<T> {
  /** Forgets the cached value and reads storage again (after storage changed underneath, e.g. in tests). */
  reload(): void
}

export interface PersistOptions<T> {
  storage: KeyValueStorage
  /** Version the key (`….v1`) and bump it when the stored shape changes: old data is then ignored. */
  key: string
  /** Turns whatever storage holds (undefined when missing or corrupt) into a valid value; never throws. */
  parse(stored: unknown): T
  /** What to write; undefined removes the key (e.g. logged out, nothing chosen). The value itself by default. */
  serialize?(value: T): unknown
}

/**
 * A store kept in storage. Loaded lazily, so importing a module that creates one (at app launch)
 * touches no storage. A write that storage refuses (quota, failure) keeps the value in memory for
 * this launch: the user loses nothing they did now.
 */
export function createPersistedStore<T>({ storage, key, parse, serialize = (value) => value }: PersistOptions<T>): PersistedStore<T> {
  const listeners = new Set<() => void>()
  // undefined until first read; a getSnapshot during render must not notify anyone.
  let cached: { value: T } | undefined

  const current = (): T => {
    cached ??= { value: parse(readJson(storage, key)) }
    return cached.value
  }
  const notify = () => listeners.forEach((listener) => listener())

  const persist = (value: T) => {
    const stored = serialize(value)
    if (stored !== undefined) {
      writeJson(storage, key, stored)
      return
    }
    try {
      storage.removeItem(key)
    } catch {
      // Forgetting it in memory is what matters for this launch.
    }
  }

  return {
    getSnapshot: current,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(next) {
      if (cached && Object.is(cached.value, next)) return
      cached = { value: next }
      persist(next)
      notify()
    },
    reload() {
      cached = undefined
      notify()
    },
  }
}

/** Subscribes a component to a store. */
export function useStore<T>(store: Pick<Store<T>, 'getSnapshot' | 'subscribe'>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
