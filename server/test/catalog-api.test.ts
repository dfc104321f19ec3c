import { Type } from '@sinclair/typebox'
import {
  CategorySchema,
  HealthStatusSchema,
  ProductDetailSchema,
  ProductPageSchema,
  type ProductSummary,
} from '../src/contract'
import { PNG_SIGNATURE } from '../src/images/png'
import { SEED_CATEGORIES, SEED_PRODUCTS } from '../src/seed/catalog-data'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError, get } from './support/http'

const CategoryListSchema = Type.Object({ items: Type.Array(CategorySchema) }, { additionalProperties: false })

describeWithApp('catalog API', (ctx) => {

  const fetchJson = async <T extends Parameters<typeof bodyOf>[1]>(url: string, schema: T) => {
    const response = await get(ctx.app, url)
    expect(response.statusCode).toBe(200)
    return bodyOf(response, schema)
  }
  const productPage = (url: string) => fetchJson(url, ProductPageSchema)
  const ids = (items: readonly ProductSummary[]) => items.map((item) => item.id)

  test('health reports ok and the database in use', async () => {
    const health = await fetchJson('/api/health', HealthStatusSchema)
    expect(health).toEqual({ status: 'ok', database: ctx.target.name })
  })

  test('WX-LAUNCH-2: catalog endpoints need no login', async () => {
    const urls = [
      '/api/health',
      '/api/categories',
      '/api/products',
      '/api/products?categoryId=fruit&sort=sales&page=1&pageSize=5',
      '/api/products/p001',
      '/api/search?q=%E6%A9%99',
      '/api/images/products/p001/0.png',
      '/api/images/categories/fruit.png',
    ]
    for (const url of urls) {
      // No cookie, no Authorization header, nothing identifying the user.
      const response = await ctx.app.inject({ method: 'GET', url, headers: {} })
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 })
      expect(response.headers['set-cookie']).toBeUndefined()
    }
  })

  describe('GET /api/categories', () => {
    test('lists every seeded category in sort order with product counts and images', async () => {
      const { items } = await fetchJson('/api/categories', CategoryListSchema)
      expect(items.map((category) => category.id)).toEqual(SEED_CATEGORIES.map((category) => category.id))
      expect(items.map((category) => category.name)).toContain('新鲜水果')
      for (const category of items) {
        const expected = SEED_PRODUCTS.filter((product) => product.categoryId === category.id).length
        expect(category.productCount).toBe(expected)
        expect(category.image).toBe(`/api/images/categories/${category.id}.png`)
      }
    })
  })

  describe('GET /api/products', () => {
    test('defaults to page 1 of 20 in catalog order with the full total', async () => {
      const page = await productPage('/api/products')
      expect(page).toMatchObject({ page: 1, pageSize: 20, total: SEED_PRODUCTS.length })
      expect(ids(page.items)).toEqual(SEED_PRODUCTS.slice(0, 20).map((product) => product.id))
    })

    test('pages partition the catalog without gaps or overlaps', async () => {
      const seen: string[] = []
      for (let page = 1; page <= 4; page++) {
        const result = await productPage(`/api/products?page=${page}&pageSize=10`)
        expect(result.total).toBe(SEED_PRODUCTS.length)
        expect(result.items.length).toBe(Math.max(0, Math.min(10, SEED_PRODUCTS.length - (page - 1) * 10)))
        seen.push(...ids(result.items))
      }
      expect(seen).toEqual(SEED_PRODUCTS.map((product) => product.id))
    })

    test('a page past the end is empty but keeps the total', async () => {
      const page = await productPage('/api/products?page=1000&pageSize=50')
      expect(page).toEqual({ items: [], page: 1000, pageSize: 50, total: SEED_PRODUCTS.length })
    })

    test('sort=sales orders by sales, highest first', async () => {
      const { items } = await productPage('/api/products?sort=sales&pageSize=50')
      const sales = items.map((item) => item.sales)
      expect(sales).toEqual([...sales].sort((a, b) => b - a))
      expect(items).toHaveLength(SEED_PRODUCTS.length)
    })

    test('sort=price_asc and price_desc order by the lowest SKU price', async () => {
      const ascending = (await productPage('/api/products?sort=price_asc&pageSize=50')).items.map((i) => i.priceFen)
      const descending = (await productPage('/api/products?sort=price_desc&pageSize=50')).items.map((i) => i.priceFen)
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
      expect(descending).toEqual([...descending].sort((a, b) => b - a))
      expect(ascending[0]).toBeLessThan(ascending[ascending.length - 1] ?? 0)
    })

    test('sorted paging stays consistent across pages', async () => {
      const all = await productPage('/api/products?sort=price_asc&pageSize=50')
      const first = await productPage('/api/products?sort=price_asc&pageSize=7&page=1')
      const second = await productPage('/api/products?sort=price_asc&pageSize=7&page=2')
      expect([...ids(first.items), ...ids(second.items)]).toEqual(ids(all.items).slice(0, 14))
    })

    test('categoryId filters to that category', async () => {
      const page = await productPage('/api/products?categoryId=drinks')
      const expected = SEED_PRODUCTS.filter((product) => product.categoryId === 'drinks').map((product) => product.id)
      expect(page.total).toBe(expected.length)
      expect(ids(page.items)).toEqual(expected)
      expect(page.items.every((item) => item.categoryId === 'drinks')).toBe(true)
    })

    test('an unknown categoryId is 404 NOT_FOUND', async () => {
      const error = expectError(await get(ctx.app, '/api/products?categoryId=no-such-category'), 404, 'NOT_FOUND')
      expect(error.error.message).toContain('no-such-category')
    })

    test('summaries carry the lowest SKU price, summed stock and the cover image', async () => {
      const { items } = await productPage('/api/products?pageSize=50')
      for (const item of items) {
        const seed = SEED_PRODUCTS.find((product) => product.id === item.id)
        if (!seed) throw new Error(`unexpected product ${item.id}`)
        expect(item.priceFen).toBe(Math.min(...seed.skus.map((sku) => sku.priceFen)))
        expect(item.stock).toBe(seed.skus.reduce((sum, sku) => sum + sku.stock, 0))
        expect(item.originalPriceFen).toBe(seed.originalPriceFen)
        expect(item.image).toBe(`/api/images/products/${item.id}/0.png`)
      }
    })
  })

  describe('GET /api/products/:id', () => {
    test('returns the detail with SKUs and images', async () => {
      const detail = await fetchJson('/api/products/p001', ProductDetailSchema)
      expect(detail).toMatchObject({ id: 'p001', name: '赣南脐橙', categoryId: 'fruit', priceFen: 3990, stock: 200 })
      expect(detail.description.length).toBeGreaterThan(10)
      expect(detail.skus).toEqual([
        { id: 'p001-1', name: '2.5kg 中果', priceFen: 3990, stock: 120 },
        { id: 'p001-2', name: '5kg 大果 家庭装', priceFen: 6990, stock: 80 },
      ])
      expect(detail.images.length).toBeGreaterThanOrEqual(2)
      expect(detail.images.length).toBeLessThanOrEqual(3)
      detail.images.forEach((image, index) => expect(image).toBe(`/api/images/products/p001/${index}.png`))
      expect(detail.image).toBe(detail.images[0])
    })

    test('a sold-out product reports zero stock on every SKU', async () => {
      const detail = await fetchJson('/api/products/p005', ProductDetailSchema)
      expect(detail.stock).toBe(0)
      expect(detail.skus.length).toBeGreaterThan(0)
      expect(detail.skus.every((sku) => sku.stock === 0)).toBe(true)
    })

    test('an unknown id is 404 NOT_FOUND', async () => {
      expectError(await get(ctx.app, '/api/products/p999'), 404, 'NOT_FOUND')
    })
  })

  describe('GET /api/search', () => {
    test('finds products by name', async () => {
      const page = await productPage('/api/search?q=' + encodeURIComponent('橙'))
      expect(ids(page.items).sort()).toEqual(['p001', 'p025'])
      expect(page.total).toBe(2)
    })

    test('finds products by subtitle', async () => {
      const page = await productPage('/api/search?q=' + encodeURIComponent('冷链直发'))
      expect(ids(page.items)).toEqual(['p004'])
    })

    test('finds products by category name', async () => {
      const page = await productPage('/api/search?q=' + encodeURIComponent('水果'))
      expect(page.total).toBe(SEED_PRODUCTS.filter((product) => product.categoryId === 'fruit').length)
      expect(page.items.every((item) => item.categoryId === 'fruit')).toBe(true)
    })

    test('matching ignores case', async () => {
      expect(ids((await productPage('/api/search?q=nfc')).items)).toEqual(['p025'])
      expect(ids((await productPage('/api/search?q=Led')).items)).toEqual(['p036'])
    })

    test('the query is trimmed', async () => {
      const page = await productPage('/api/search?q=' + encodeURIComponent('  橙  '))
      expect(page.total).toBe(2)
    })

    test('"%" and "_" are literal characters, not wildcards', async () => {
      // Only p025's subtitle contains a literal percent sign ("100%非浓缩还原").
      expect(ids((await productPage('/api/search?q=%25')).items)).toEqual(['p025'])
      expect((await productPage('/api/search?q=_')).total).toBe(0)
      expect((await productPage('/api/search?q=%5C')).total).toBe(0)
    })

    test('SQL-looking input is just text', async () => {
      for (const q of ["' or 1=1 --", "'; drop table products; --", '") or ("1"="1']) {
        const page = await productPage('/api/search?q=' + encodeURIComponent(q))
        expect(page.total).toBe(0)
      }
      // The catalog is intact afterwards.
      expect((await productPage('/api/products')).total).toBe(SEED_PRODUCTS.length)
    })

    test('no hits is an empty page, not an error', async () => {
      const page = await productPage('/api/search?q=' + encodeURIComponent('不存在的商品'))
      expect(page).toEqual({ items: [], page: 1, pageSize: 20, total: 0 })
    })

    test('search results sort and page like the product list', async () => {
      const all = await productPage('/api/search?q=' + encodeURIComponent('水果') + '&sort=price_desc')
      const prices = all.items.map((item) => item.priceFen)
      expect(prices).toEqual([...prices].sort((a, b) => b - a))
      const second = await productPage('/api/search?q=' + encodeURIComponent('水果') + '&sort=price_desc&pageSize=4&page=2')
      expect(second.total).toBe(all.total)
      expect(ids(second.items)).toEqual(ids(all.items).slice(4, 8))
    })
  })

  describe('images', () => {
    test('product images are cacheable PNGs under 8 KB', async () => {
      const response = await get(ctx.app, '/api/images/products/p001/0.png')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('image/png')
      expect(response.headers['cache-control']).toBe('public, max-age=86400')
      expect(response.rawPayload.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(response.rawPayload.length).toBeLessThan(8 * 1024)
    })

    test('every image listed in a product detail is served', async () => {
      const detail = await fetchJson('/api/products/p002', ProductDetailSchema)
      for (const url of detail.images) {
        const response = await get(ctx.app, url)
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 })
      }
    })

    test('category images are PNGs', async () => {
      const response = await get(ctx.app, '/api/images/categories/snacks.png')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('image/png')
      expect(response.rawPayload.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    })

    test('unknown images are 404 JSON', async () => {
      expectError(await get(ctx.app, '/api/images/products/p999/0.png'), 404, 'NOT_FOUND')
      expectError(await get(ctx.app, '/api/images/products/p001/9.png'), 404, 'NOT_FOUND')
      expectError(await get(ctx.app, '/api/images/categories/nothing.png'), 404, 'NOT_FOUND')
      expectError(await get(ctx.app, '/api/images/products/p001/0.jpg'), 404, 'NOT_FOUND')
    })
  })
})
