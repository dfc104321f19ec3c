import { act, renderHook } from '@testing-library/react'
import { MAX_RECENT_SEARCHES, RECENT_SEARCHES_KEY, readRecentSearches, useRecentSearches } from '@/state/recent-searches'
import { normalizeKeyword } from '@/packageShop/search/keyword'
import { createRecordingStorage } from '../utils/fake-storage'

describe('recent searches', () => {
  it('keeps the newest first, without duplicates, at most 10, and persists them', () => {
    const storage = createRecordingStorage()
    const { result } = renderHook(() => useRecentSearches(storage))
    for (const word of ['苹果', '芒果', '苹果', ...Array.from({ length: 12 }, (_, i) => `词${i}`)]) {
      act(() => result.current.add(word))
    }
    expect(result.current.items).toHaveLength(MAX_RECENT_SEARCHES)
    expect(result.current.items[0]).toBe('词11')
    expect(new Set(result.current.items).size).toBe(MAX_RECENT_SEARCHES)
    expect(readRecentSearches(storage)).toEqual(result.current.items)
  })

  it('清空 removes them from storage', () => {
    const storage = createRecordingStorage({ [RECENT_SEARCHES_KEY]: JSON.stringify(['苹果']) })
    const { result } = renderHook(() => useRecentSearches(storage))
    expect(result.current.items).toEqual(['苹果'])
    act(() => result.current.clear())
    expect(result.current.items).toEqual([])
    expect(storage.data.has(RECENT_SEARCHES_KEY)).toBe(false)
  })

  it('ignores corrupt or foreign stored values', () => {
    expect(readRecentSearches(createRecordingStorage({ [RECENT_SEARCHES_KEY]: '[1, "苹果", "  ", null' }))).toEqual([])
    expect(readRecentSearches(createRecordingStorage({ [RECENT_SEARCHES_KEY]: '[1, "苹果", "  ", null]' }))).toEqual(['苹果'])
  })
})

describe('search keyword normalization (bad input never reaches the server)', () => {
  it.each([
    ['  苹果  ', '苹果'],
    ['红富士\t\n苹果', '红富士 苹果'],
    ['   ', ''],
    ['\u0000\u0007', ''],
    ['果'.repeat(60), '果'.repeat(40)],
    ['😀'.repeat(41), '😀'.repeat(40)],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeKeyword(raw)).toBe(expected)
  })
})
