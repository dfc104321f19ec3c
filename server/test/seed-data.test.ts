import { SEED_CATEGORIES, SEED_PRODUCTS, seedImageCount } from '../src/seed/catalog-data'
import { ID_PATTERN } from '../src/contract'

const HAN = /\p{Script=Han}/u
const id = new RegExp(ID_PATTERN)

test('at least 5 categories with Chinese names, including the core aisles', () => {
  expect(SEED_CATEGORIES.length).toBeGreaterThanOrEqual(5)
  const names = SEED_CATEGORIES.map((category) => category.name)
  expect(names).toEqual(expect.arrayContaining(['新鲜水果', '休闲零食', '粮油调味', '乳品烘焙', '酒水饮料']))
  for (const category of SEED_CATEGORIES) {
    expect(category.id).toMatch(id)
    expect(category.name).toMatch(HAN)
    expect(category.description).toMatch(HAN)
  }
})

test('at least 30 products, every category stocked, ids unique and valid', () => {
  expect(SEED_PRODUCTS.length).toBeGreaterThanOrEqual(30)
  expect(new Set(SEED_PRODUCTS.map((product) => product.id)).size).toBe(SEED_PRODUCTS.length)
  const categoryIds = new Set(SEED_CATEGORIES.map((category) => category.id))
  for (const product of SEED_PRODUCTS) {
    expect(product.id).toMatch(id)
    expect(categoryIds.has(product.categoryId)).toBe(true)
  }
  for (const category of SEED_CATEGORIES) {
    expect(SEED_PRODUCTS.some((product) => product.categoryId === category.id)).toBe(true)
  }
})

test('products read like a real shop: Chinese text and 1–3 SKUs with sane prices', () => {
  for (const product of SEED_PRODUCTS) {
    expect(product.name).toMatch(HAN)
    expect(product.subtitle).toMatch(HAN)
    expect(product.description.length).toBeGreaterThanOrEqual(20)
    expect(product.skus.length).toBeGreaterThanOrEqual(1)
    expect(product.skus.length).toBeLessThanOrEqual(3)
    expect(new Set(product.skus.map((sku) => sku.name)).size).toBe(product.skus.length)
    for (const sku of product.skus) {
      expect(Number.isInteger(sku.priceFen) && sku.priceFen > 0).toBe(true)
      expect(Number.isInteger(sku.stock) && sku.stock >= 0).toBe(true)
    }
    const lowest = Math.min(...product.skus.map((sku) => sku.priceFen))
    if (product.originalPriceFen !== null) expect(product.originalPriceFen).toBeGreaterThan(lowest)
    expect(Number.isInteger(product.sales) && product.sales >= 0).toBe(true)
  }
})

test('stock covers the sold-out cases the client must show', () => {
  const soldOut = SEED_PRODUCTS.filter((product) => product.skus.every((sku) => sku.stock === 0))
  expect(soldOut.map((product) => product.id)).toEqual(['p005'])
  const partlySoldOut = SEED_PRODUCTS.filter(
    (product) => product.skus.some((sku) => sku.stock === 0) && product.skus.some((sku) => sku.stock > 0),
  )
  expect(partlySoldOut.length).toBeGreaterThanOrEqual(3)
  expect(SEED_PRODUCTS.filter((product) => product.originalPriceFen !== null).length).toBeGreaterThanOrEqual(5)
})

test('each product has 2 or 3 images', () => {
  SEED_PRODUCTS.forEach((_product, index) => expect([2, 3]).toContain(seedImageCount(index)))
})
