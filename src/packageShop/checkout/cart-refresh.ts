import { cartStore, catalog } from '@/app-root'
import { type CartLine } from '@/state/cart'
import { describeCartChanges } from './model'

/**
 * After a 409 (PRICE_CHANGED / OUT_OF_STOCK): reads the products again and brings the cart to the
 * server's prices and stock, so the user sees what changed before submitting again. Returns the
 * changes in plain words; the checkout form itself is untouched.
 */
export async function refreshCartLines(lines: readonly CartLine[]): Promise<string[]> {
  const productIds = [...new Set(lines.map((line) => line.productId))]
  const products = await Promise.all(productIds.map((id) => catalog.getProduct(id)))
  for (const line of lines) {
    const sku = products.find((p) => p.id === line.productId)?.skus.find((s) => s.id === line.skuId)
    cartStore.update(line.productId, line.skuId, sku ? { priceFen: sku.priceFen, stock: sku.stock } : { priceFen: line.priceFen, stock: 0 })
  }
  return describeCartChanges(lines, cartStore.getSnapshot().lines)
}

/** The order exists: only now do its lines leave the cart. */
export function removeOrderedLines(items: ReadonlyArray<{ productId: string; skuId: string }>): void {
  for (const item of items) cartStore.remove(item.productId, item.skuId)
}
