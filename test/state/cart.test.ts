import { act, renderHook } from '@testing-library/react'
import { CART_STORAGE_KEY, createCartStore, MAX_QUANTITY_PER_LINE, useCart } from '@/state/cart'
import type { CartItem } from '@/state/cart'
import { createRecordingStorage } from '../utils/fake-storage'

const APPLE_5: CartItem = {
  productId: 'p001',
  skuId: 'p001-5',
  name: '烟台红富士苹果',
  skuName: '5斤装',
  priceFen: 3990,
  image: '/api/images/products/p001/0.png',
  stock: 12,
}
const APPLE_GIFT: CartItem = { ...APPLE_5, skuId: 'p001-gift', skuName: '礼盒装', priceFen: 9900, stock: 3 }

describe('cart store (as a visitor: no login anywhere)', () => {
  it('WX-LAUNCH-2: adds lines, merges the same SKU, and keeps totals in fen', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    expect(store.getSnapshot()).toEqual({ lines: [], count: 0, totalFen: 0 })

    store.add(APPLE_5)
    store.add(APPLE_5, 2)
    store.add(APPLE_GIFT)

    const { lines, count, totalFen } = store.getSnapshot()
    expect(lines.map((l) => [l.skuId, l.quantity])).toEqual([
      ['p001-5', 3],
      ['p001-gift', 1],
    ])
    expect(count).toBe(4)
    expect(totalFen).toBe(3 * 3990 + 9900)
  })

  it('clamps quantities to 1..stock and never above 99', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    expect(store.add(APPLE_GIFT, 5)).toEqual({ quantity: 3, limited: true })
    expect(store.add(APPLE_GIFT)).toEqual({ quantity: 3, limited: true })

    store.setQuantity('p001', 'p001-gift', 0)
    expect(store.getSnapshot().lines[0]?.quantity).toBe(1)
    store.setQuantity('p001', 'p001-gift', 2.7)
    expect(store.getSnapshot().lines[0]?.quantity).toBe(2)

    const plenty = { ...APPLE_5, skuId: 'bulk', stock: 5000 }
    expect(store.add(plenty, 500)).toEqual({ quantity: MAX_QUANTITY_PER_LINE, limited: true })
  })

  it('refuses a sold-out SKU', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    expect(store.add({ ...APPLE_5, stock: 0 })).toBeNull()
    expect(store.getSnapshot().lines).toEqual([])
  })

  it('removes one line and clears all', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    store.add(APPLE_5)
    store.add(APPLE_GIFT)
    store.remove('p001', 'p001-5')
    expect(store.getSnapshot().lines.map((l) => l.skuId)).toEqual(['p001-gift'])
    store.clear()
    expect(store.getSnapshot()).toEqual({ lines: [], count: 0, totalFen: 0 })
  })

  it('applies the latest server price and stock to a line (checkout conflicts), removing it only when sold out', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    store.add(APPLE_5, 5)
    store.add(APPLE_GIFT, 2)
    const before = store.getSnapshot()
    store.update('p001', 'p001-5', { priceFen: 3990, stock: 12 })
    expect(store.getSnapshot()).toBe(before)

    store.update('p001', 'p001-5', { priceFen: 4290, stock: 3 })
    expect(store.getSnapshot().lines[0]).toMatchObject({ priceFen: 4290, stock: 3, quantity: 3 })
    store.update('p001', 'p001-gift', { priceFen: 9900, stock: 0 })
    expect(store.getSnapshot().lines.map((l) => l.skuId)).toEqual(['p001-5'])
    store.update('p404', 'nope', { priceFen: 1, stock: 1 })
    expect(store.getSnapshot().totalFen).toBe(3 * 4290)
  })

  it('WX-LAUNCH-2: persists under a versioned key and survives a relaunch (new store, same storage)', () => {
    const storage = createRecordingStorage()
    const first = createCartStore({ storage })
    first.add(APPLE_5, 2)
    first.add(APPLE_GIFT)
    expect(CART_STORAGE_KEY).toMatch(/\.v\d+$/)
    expect(JSON.parse(storage.data.get(CART_STORAGE_KEY) ?? '')).toMatchObject({ lines: [{ skuId: 'p001-5', quantity: 2 }, { skuId: 'p001-gift' }] })

    const relaunched = createCartStore({ storage })
    expect(relaunched.getSnapshot()).toEqual(first.getSnapshot())
  })

  it('does not touch storage until the cart is first read (nothing runs at import/launch)', () => {
    const storage = createRecordingStorage()
    const store = createCartStore({ storage })
    expect(storage.calls).toEqual([])
    store.getSnapshot()
    expect(storage.calls).toEqual([`get ${CART_STORAGE_KEY}`])
  })

  it.each([
    ['corrupt JSON', '{"lines": [ {"productId": '],
    ['a JSON string', '"hello"'],
    ['lines that is not an array', '{"lines": {"0": 1}}'],
    ['JSON null', 'null'],
  ])('treats %s in storage as an empty cart, without crashing', (_label, raw) => {
    const store = createCartStore({ storage: createRecordingStorage({ [CART_STORAGE_KEY]: raw }) })
    expect(store.getSnapshot()).toEqual({ lines: [], count: 0, totalFen: 0 })
    store.add(APPLE_5)
    expect(store.getSnapshot().count).toBe(1)
  })

  it('keeps valid stored lines, drops invalid ones and re-clamps stored quantities', () => {
    const raw = JSON.stringify({
      lines: [
        { ...APPLE_5, quantity: 500 },
        { ...APPLE_GIFT, quantity: 'two' },
        { productId: 'p009' },
        { ...APPLE_5, quantity: 1 },
      ],
    })
    const store = createCartStore({ storage: createRecordingStorage({ [CART_STORAGE_KEY]: raw }) })
    expect(store.getSnapshot().lines).toEqual([{ ...APPLE_5, quantity: 12 }])
  })

  it('keeps working in memory when storage refuses to write', () => {
    const storage = createRecordingStorage()
    storage.failWrites = true
    const store = createCartStore({ storage })
    expect(() => store.add(APPLE_5)).not.toThrow()
    expect(store.getSnapshot().count).toBe(1)
  })

  it('keeps working when reading storage throws', () => {
    const storage = createRecordingStorage()
    storage.getItem = () => {
      throw new Error('getStorageSync:fail')
    }
    expect(createCartStore({ storage }).getSnapshot().lines).toEqual([])
  })

  it('useCart re-renders on changes with a stable snapshot in between', () => {
    const store = createCartStore({ storage: createRecordingStorage() })
    const { result } = renderHook(() => useCart(store))
    const before = result.current
    expect(store.getSnapshot()).toBe(before)
    act(() => {
      store.add(APPLE_5)
    })
    expect(result.current.count).toBe(1)
    expect(result.current).not.toBe(before)
  })
})
