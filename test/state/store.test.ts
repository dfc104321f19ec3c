import { createPersistedStore, createStore } from '@/state/store'
import { createRecordingStorage } from '../utils/fake-storage'

const parseCount = (stored: unknown): number => (typeof stored === 'number' && Number.isInteger(stored) ? stored : 0)

describe('createStore', () => {
  it('notifies subscribers on a new value only, and stops after unsubscribe', () => {
    const store = createStore({ n: 1 })
    const seen: number[] = []
    const off = store.subscribe(() => seen.push(store.getSnapshot().n))
    store.set({ n: 2 })
    store.set(store.getSnapshot())
    off()
    store.set({ n: 3 })
    expect(seen).toEqual([2])
    expect(store.getSnapshot()).toEqual({ n: 3 })
  })
})

describe('createPersistedStore', () => {
  it('touches no storage until first read, then reads once', () => {
    const storage = createRecordingStorage({ 'count.v1': '5' })
    const store = createPersistedStore({ storage, key: 'count.v1', parse: parseCount })
    expect(storage.calls).toEqual([])
    expect(store.getSnapshot()).toBe(5)
    expect(store.getSnapshot()).toBe(5)
    expect(storage.calls).toEqual(['get count.v1'])
  })

  it('a first read notifies nobody (it may happen during render)', () => {
    const store = createPersistedStore({ storage: createRecordingStorage({ 'count.v1': '5' }), key: 'count.v1', parse: parseCount })
    const listener = jest.fn()
    store.subscribe(listener)
    store.getSnapshot()
    expect(listener).not.toHaveBeenCalled()
  })

  it('corrupt or foreign data reads as the parsed default, never throws', () => {
    for (const raw of ['{not json', '"text"', 'null', '1.5']) {
      const store = createPersistedStore({ storage: createRecordingStorage({ 'count.v1': raw }), key: 'count.v1', parse: parseCount })
      expect(store.getSnapshot()).toBe(0)
    }
  })

  it('writes on set, removes the key when serialize says undefined, and survives a relaunch', () => {
    const storage = createRecordingStorage()
    const options = { storage, key: 'count.v1', parse: parseCount, serialize: (n: number) => (n === 0 ? undefined : n) }
    const store = createPersistedStore(options)
    store.set(7)
    expect(storage.data.get('count.v1')).toBe('7')
    expect(createPersistedStore(options).getSnapshot()).toBe(7)
    store.set(0)
    expect(storage.data.has('count.v1')).toBe(false)
    expect(storage.calls).toContain('remove count.v1')
  })

  it('keeps the value in memory when storage refuses the write (quota): nothing the user did is lost now', () => {
    const storage = createRecordingStorage()
    storage.failWrites = true
    const store = createPersistedStore({ storage, key: 'count.v1', parse: parseCount })
    const listener = jest.fn()
    store.subscribe(listener)
    store.set(3)
    expect(store.getSnapshot()).toBe(3)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(storage.data.has('count.v1')).toBe(false)
  })

  it('reload re-reads storage written underneath and notifies', () => {
    const storage = createRecordingStorage({ 'count.v1': '1' })
    const store = createPersistedStore({ storage, key: 'count.v1', parse: parseCount })
    expect(store.getSnapshot()).toBe(1)
    storage.data.set('count.v1', '9')
    const listener = jest.fn()
    store.subscribe(listener)
    store.reload()
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot()).toBe(9)
  })
})
