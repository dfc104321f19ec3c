import { ORDER_MAX_QUANTITY } from '@contract/rules'
import { isCount, isRecord, isString } from '@/utils/value-checks'
import type { KeyValueStorage } from '@/services/storage'
import { createPersistedStore, useStore } from '@/state/store'

/**
 * The shopping cart: a persisted store (src/state/persisted-store.ts) over injected storage. It needs no login: a visitor's cart lives on the device.
 */

export interface CartLine {
  productId: string
  skuId: string
  name: string
  skuName: string
  priceFen: number
  /** Relative image path as returned by the API. */
  image: string
  quantity: number
  /** Stock of this SKU when it was added; caps the quantity. */
  stock: number
}

export type CartItem = Omit<CartLine, 'quantity'>

export interface CartSnapshot {
  lines: readonly CartLine[]
  /** Total number of items (sum of quantities). */
  count: number
  totalFen: number
}

export interface AddResult {
  /** Quantity of the line after adding. */
  quantity: number
  /** True when the requested amount was cut down by stock or the per-line limit. */
  limited: boolean
}

export interface CartStore {
  getSnapshot(): CartSnapshot
  subscribe(listener: () => void): () => void
  /** Adds to the matching line (same product + SKU) or creates one. Returns null when sold out. */
  add(item: CartItem, quantity?: number): AddResult | null
  setQuantity(productId: string, skuId: string, quantity: number): void
  remove(productId: string, skuId: string): void
  /**
   * Applies the server's current price and stock to a line (after a 409 at checkout). The quantity
   * is capped by the new stock; a line whose SKU sold out is removed.
   */
  update(productId: string, skuId: string, latest: { priceFen: number; stock: number }): void
  clear(): void
  /** Re-reads storage, e.g. after another writer changed it. */
  reload(): void
}

/** Bump the version when the stored shape changes; old keys are then simply ignored. */
export const CART_STORAGE_KEY = 'shop.cart.v1'
/** The server takes at most this many of one line in an order. */
export const MAX_QUANTITY_PER_LINE = ORDER_MAX_QUANTITY

export function maxQuantity(stock: number): number {
  return Math.min(Math.max(0, Math.floor(stock)), MAX_QUANTITY_PER_LINE)
}

export function clampQuantity(quantity: number, stock: number): number {
  const max = maxQuantity(stock)
  if (max === 0) return 0
  const whole = Number.isFinite(quantity) ? Math.floor(quantity) : 1
  return Math.min(Math.max(whole, 1), max)
}

function isStoredLine(v: unknown): v is CartLine {
  return (
    isRecord(v) &&
    isString(v.productId) &&
    isString(v.skuId) &&
    isString(v.name) &&
    isString(v.skuName) &&
    isCount(v.priceFen) &&
    isString(v.image) &&
    isCount(v.quantity) &&
    isCount(v.stock)
  )
}

/** Keeps every valid line from storage and drops the rest, so one bad line never empties the cart. */
function parseStored(value: unknown): CartLine[] {
  if (!isRecord(value) || !Array.isArray(value.lines)) return []
  const lines: CartLine[] = []
  for (const line of value.lines) {
    if (!isStoredLine(line)) continue
    const quantity = clampQuantity(line.quantity, line.stock)
    if (quantity === 0) continue
    if (lines.some((l) => l.productId === line.productId && l.skuId === line.skuId)) continue
    lines.push({ ...line, quantity })
  }
  return lines
}

function snapshotOf(lines: CartLine[]): CartSnapshot {
  let count = 0
  let totalFen = 0
  for (const line of lines) {
    count += line.quantity
    totalFen += line.priceFen * line.quantity
  }
  return { lines, count, totalFen }
}

export function createCartStore({ storage, key = CART_STORAGE_KEY }: { storage: KeyValueStorage; key?: string }): CartStore {
  const store = createPersistedStore<CartSnapshot>({
    storage,
    key,
    parse: (stored) => snapshotOf(parseStored(stored)),
    serialize: ({ lines }) => ({ lines }),
  })
  const current = store.getSnapshot
  const commit = (lines: CartLine[]) => store.set(snapshotOf(lines))

  const sameLine = (productId: string, skuId: string) => (line: CartLine) =>
    line.productId === productId && line.skuId === skuId

  return {
    getSnapshot: current,
    subscribe: store.subscribe,
    add(item, quantity = 1) {
      const lines = current().lines
      const existing = lines.find(sameLine(item.productId, item.skuId))
      const wanted = (existing?.quantity ?? 0) + Math.max(1, Math.floor(quantity))
      const next = clampQuantity(wanted, item.stock)
      if (next === 0) return null
      const line: CartLine = { ...item, quantity: next }
      commit(existing ? lines.map((l) => (l === existing ? line : l)) : [...lines, line])
      return { quantity: next, limited: next < wanted }
    },
    setQuantity(productId, skuId, quantity) {
      const lines = current().lines
      const existing = lines.find(sameLine(productId, skuId))
      if (!existing) return
      const next = clampQuantity(quantity, existing.stock)
      if (next === existing.quantity) return
      if (next === 0) {
        commit(lines.filter((l) => l !== existing))
        return
      }
      commit(lines.map((l) => (l === existing ? { ...l, quantity: next } : l)))
    },
    remove(productId, skuId) {
      const lines = current().lines
      if (!lines.some(sameLine(productId, skuId))) return
      commit(lines.filter((l) => !sameLine(productId, skuId)(l)))
    },
    update(productId, skuId, { priceFen, stock }) {
      const lines = current().lines
      const existing = lines.find(sameLine(productId, skuId))
      if (!existing) return
      const quantity = Math.min(existing.quantity, maxQuantity(stock))
      if (quantity === existing.quantity && priceFen === existing.priceFen && stock === existing.stock) return
      if (quantity === 0) {
        commit(lines.filter((l) => l !== existing))
        return
      }
      commit(lines.map((l) => (l === existing ? { ...l, priceFen, stock, quantity } : l)))
    },
    clear() {
      commit([])
    },
    reload: store.reload,
  }
}

/** Subscribes a component to a cart (the app's one is `cartStore` from app-root.ts). */
export function useCart(store: CartStore): CartSnapshot {
  return useStore(store)
}
