import { useCallback, useState } from 'react'
import type { KeyValueStorage } from '@/services/storage'
import { readJson, taroStorage, writeJson } from '@/services/storage'

/** Recent search keywords, newest first, kept on the device only. */
export const RECENT_SEARCHES_KEY = 'shop.recentSearches.v1'
export const MAX_RECENT_SEARCHES = 10

export function readRecentSearches(storage: KeyValueStorage = taroStorage): string[] {
  const value = readJson(storage, RECENT_SEARCHES_KEY)
  if (!Array.isArray(value)) return []
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').slice(0, MAX_RECENT_SEARCHES)
}

export function useRecentSearches(storage: KeyValueStorage = taroStorage) {
  const [items, setItems] = useState<string[]>(() => readRecentSearches(storage))

  const add = useCallback(
    (keyword: string) => {
      const next = [keyword, ...items.filter((k) => k !== keyword)].slice(0, MAX_RECENT_SEARCHES)
      setItems(next)
      writeJson(storage, RECENT_SEARCHES_KEY, next)
    },
    [items, storage],
  )

  const clear = useCallback(() => {
    setItems([])
    try {
      storage.removeItem(RECENT_SEARCHES_KEY)
    } catch {
      // Nothing to recover: the list is already empty in memory.
    }
  }, [storage])

  return { items, add, clear }
}
