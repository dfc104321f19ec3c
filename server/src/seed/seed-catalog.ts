import type { Database } from '../db/database'
import { SEED_CATEGORIES, SEED_PRODUCTS, seedImageCount, type SeedCategory, type SeedProduct } from './catalog-data'

/** Same lock as a concurrent seeder in another process; distinct from the migration lock. */
const SEED_LOCK_KEY = 727_002

export interface SeedResult {
  seeded: boolean
  categories: number
  products: number
}

/**
 * Fills an empty catalog with the demo data in one transaction. Does nothing when any category
 * exists, so restarts (and operators who replaced the demo data) are left alone.
 */
export async function seedCatalog(
  db: Database,
  categories: readonly SeedCategory[] = SEED_CATEGORIES,
  products: readonly SeedProduct[] = SEED_PRODUCTS,
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY])
    const [existing] = await tx.query<{ n: number }>('select count(*)::int as n from categories')
    if (existing && existing.n > 0) return { seeded: false, categories: 0, products: 0 }

    for (const [index, category] of categories.entries()) {
      await tx.query('insert into categories (id, name, description, sort_order) values ($1, $2, $3, $4)', [
        category.id,
        category.name,
        category.description,
        (index + 1) * 10,
      ])
    }
    for (const [index, product] of products.entries()) {
      await tx.query(
        `insert into products (id, category_id, name, subtitle, description, original_price_fen, sales, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          product.id,
          product.categoryId,
          product.name,
          product.subtitle,
          product.description,
          product.originalPriceFen,
          product.sales,
          (index + 1) * 10,
        ],
      )
      for (const [skuIndex, sku] of product.skus.entries()) {
        await tx.query(
          'insert into skus (id, product_id, name, price_fen, stock, sort_order) values ($1, $2, $3, $4, $5, $6)',
          [`${product.id}-${skuIndex + 1}`, product.id, sku.name, sku.priceFen, sku.stock, skuIndex],
        )
      }
      await tx.query(
        'insert into product_images (product_id, position) select $1, generate_series(0, $2::int - 1)',
        [product.id, seedImageCount(index)],
      )
    }
    return { seeded: true, categories: categories.length, products: products.length }
  })
}
