import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from './support/catalog-app'
import { CatalogCache, cachedJson, type CachedBody } from '../src/catalog/catalog-cache'
import { CatalogVersionGate } from '../src/catalog/catalog-version'
import { matchesEtag } from '../src/catalog/http-caching'
import { CategorySchema, ProductDetailSchema, ProductPageSchema } from '../src/contract'
import type { Database, Queryable } from '../src/db/database'
import { login } from './support/accounts'
import { bodyOf, get } from './support/http'
import { orderRequest, placeOrder, stockOf } from './support/orders'
import { databaseTargets, notePostgresLegSkipped, TEST_DATABASE_URL, type TestDatabase } from './support/test-databases'

const CategoryListSchema = Type.Object({ items: Type.Array(CategorySchema) }, { additionalProperties: false })

notePostgresLegSkipped()

/** Records every SQL statement the app sends, to show which requests the cache answered. */
function recording(db: Database): { db: Database; statements: string[] } {
  const statements: string[] = []
  const record = (target: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.push(sql)
      return target.query(sql, params)
    },
    exec: (sql) => {
      statements.push(sql)
      return target.exec(sql)
    },
  })
  return {
    statements,
    db: { ...db, ...record(db), kind: db.kind, transaction: (fn) => db.transaction((tx) => fn(record(tx))), close: () => db.close() },
  }
}

const detail = async (app: FastifyInstance, id: string) => {
  const response = await get(app, `/api/products/${id}`)
  expect(response.statusCode).toBe(200)
  return bodyOf(response, ProductDetailSchema)
}
const page = async (app: FastifyInstance, url: string) => {
  const response = await get(app, url)
  expect(response.statusCode).toBe(200)
  return bodyOf(response, ProductPageSchema)
}

describe.each(databaseTargets())('catalog cache on $name', (target) => {
  let handle: TestDatabase
  let app: FastifyInstance
  let statements: string[]
  beforeAll(async () => {
    handle = await target.openSeeded()
    const recorded = recording(handle.db)
    statements = recorded.statements
    app = await buildTestApp({ db: recorded.db })
  })
  afterAll(async () => {
    await app.close()
    await handle.dispose()
  })

  test('a repeated read is served from the cache: at most the version is queried', async () => {
    const urls = ['/api/categories', '/api/products?pageSize=5', '/api/products/p001', '/api/search?q=%E6%9E%9C', '/api/images/products/p001/0.png']
    for (const url of urls) expect((await get(app, url)).statusCode).toBe(200)
    statements.length = 0
    const again = await Promise.all(urls.map((url) => get(app, url)))
    expect(again.map((response) => response.statusCode)).toEqual(urls.map(() => 200))
    // PostgreSQL: a shared version query; PGlite: none (notifications move the version).
    expect(statements.filter((sql) => !sql.includes('from catalog_version'))).toEqual([])
    if (target.name === 'pglite') expect(statements).toEqual([])
  })

  test('a price change is visible on the next request, in the detail, the lists and search', async () => {
    const before = await detail(app, 'p001')
    const sku = before.skus[0]
    if (!sku) throw new Error('p001 has no SKU')
    await page(app, '/api/products?pageSize=50')
    await page(app, '/api/search?q=p001') // warm a search that misses, too
    await handle.db.query('update skus set price_fen = 1 where product_id = $1', ['p001'])
    const after = await detail(app, 'p001')
    expect(after.priceFen).toBe(1)
    expect(after.skus.every((each) => each.priceFen === 1)).toBe(true)
    const listed = (await page(app, '/api/products?pageSize=50')).items.find((item) => item.id === 'p001')
    expect(listed?.priceFen).toBe(1)
    const found = (await page(app, `/api/search?q=${encodeURIComponent(before.name)}`)).items.find((item) => item.id === 'p001')
    expect(found?.priceFen).toBe(1)
  })

  test('an order taking stock is visible on the next request (stock stays exact)', async () => {
    const before = await detail(app, 'p006')
    const sku = before.skus.find((each) => each.id === 'p006-1')
    if (!sku) throw new Error('p006-1 missing')
    const { token } = await login(app)
    await placeOrder(app, token, orderRequest({ items: [{ skuId: 'p006-1', quantity: 2, unitPriceFen: sku.priceFen }] }))
    const after = await detail(app, 'p006')
    expect(after.skus.find((each) => each.id === 'p006-1')?.stock).toBe(sku.stock - 2)
    expect(after.stock).toBe(before.stock - 2)
    expect(await stockOf(handle.db, 'p006-1')).toBe(sku.stock - 2)
  })

  test('delisting a product removes it from lists and detail on the next request', async () => {
    const total = (await page(app, '/api/products')).total
    await detail(app, 'p002')
    await handle.db.query('update products set is_listed = false where id = $1', ['p002'])
    expect((await get(app, '/api/products/p002')).statusCode).toBe(404)
    expect((await page(app, '/api/products')).total).toBe(total - 1)
    await handle.db.query('update products set is_listed = true where id = $1', ['p002'])
    expect((await get(app, '/api/products/p002')).statusCode).toBe(200)
  })

  test('a category change is visible on the next request; a removed image answers 404', async () => {
    const response = await get(app, '/api/categories')
    const [first] = bodyOf(response, CategoryListSchema).items
    if (!first) throw new Error('no categories')
    await handle.db.query('update categories set name = $2 where id = $1', [first.id, '新名字'])
    const renamed = bodyOf(await get(app, '/api/categories'), CategoryListSchema).items.find((item) => item.id === first.id)
    expect(renamed?.name).toBe('新名字')

    expect((await get(app, '/api/images/products/p003/0.png')).statusCode).toBe(200)
    await handle.db.query('delete from product_images where product_id = $1', ['p003'])
    expect((await get(app, '/api/images/products/p003/0.png')).statusCode).toBe(404)
  })

  test('catalog JSON carries an ETag and Cache-Control; a matching If-None-Match gets 304 without a body', async () => {
    for (const url of ['/api/categories', '/api/products?page=1&pageSize=10', '/api/products/p001', '/api/search?q=%E6%9E%9C']) {
      const first = await get(app, url)
      expect(first.headers['cache-control']).toBe('public, no-cache')
      const etag = first.headers.etag
      if (typeof etag !== 'string') throw new Error(`${url} has no ETag`)
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
      const revalidated = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
      expect({ url, status: revalidated.statusCode, body: revalidated.body }).toEqual({ url, status: 304, body: '' })
      expect(revalidated.headers.etag).toBe(etag)
      const other = await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"something-else"' } })
      expect(other.statusCode).toBe(200)
    }
  })

  test('a change gives the answer a new ETag, so a stale copy is not revalidated', async () => {
    const first = await get(app, '/api/products/p004')
    await handle.db.query('update skus set stock = stock + 1 where product_id = $1', ['p004'])
    const stale = await app.inject({ method: 'GET', url: '/api/products/p004', headers: { 'if-none-match': String(first.headers.etag) } })
    expect(stale.statusCode).toBe(200)
    expect(stale.headers.etag).not.toBe(first.headers.etag)
  })

  test('images carry an ETag and a day of Cache-Control, and revalidate with 304', async () => {
    for (const url of ['/api/images/products/p001/0.png', '/api/images/categories/fruit.png']) {
      const first = await get(app, url)
      expect(first.statusCode).toBe(200)
      expect(first.headers['content-type']).toBe('image/png')
      expect(first.headers['cache-control']).toBe('public, max-age=86400')
      const revalidated = await app.inject({ method: 'GET', url, headers: { 'if-none-match': `W/${String(first.headers.etag)}` } })
      expect(revalidated.statusCode).toBe(304)
      expect(revalidated.rawPayload.length).toBe(0)
    }
  })

  test('unknown products and categories stay 404 with the uniform error body when cached', async () => {
    for (let round = 0; round < 2; round++) {
      const response = await get(app, '/api/products/nope')
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
      expect((await get(app, '/api/products?categoryId=nope')).statusCode).toBe(404)
    }
  })
})

describe('two server processes on one PostgreSQL', () => {
  if (!TEST_DATABASE_URL) {
    test.skip('needs TEST_DATABASE_URL (see server/scripts/ci-postgres.sh)', () => undefined)
    return
  }
  const postgres = databaseTargets().find((target) => target.name === 'postgres')
  let handle: TestDatabase
  let secondDb: Database
  let one: FastifyInstance
  let two: FastifyInstance
  beforeAll(async () => {
    if (!postgres) throw new Error('postgres target missing')
    handle = await postgres.openSeeded()
    if (!handle.connectAgain) throw new Error('a PostgreSQL handle can connect again')
    secondDb = await handle.connectAgain()
    one = await buildTestApp({ db: handle.db })
    two = await buildTestApp({ db: secondDb })
  })
  afterAll(async () => {
    await Promise.all([one.close(), two.close()])
    await secondDb.close()
    await handle.dispose()
  })

  test('an order placed through one is seen by the other on the next request', async () => {
    const before = await detail(two, 'p008') // cached in process two
    const sku = before.skus[0]
    if (!sku) throw new Error('p008 has no SKU')
    const { token } = await login(one)
    await placeOrder(one, token, orderRequest({ items: [{ skuId: sku.id, quantity: 1, unitPriceFen: sku.priceFen }] }))
    const after = await detail(two, 'p008')
    expect(after.skus[0]?.stock).toBe(sku.stock - 1)
  })

  test('a price change made through one connection is seen by the other process at once, many times over', async () => {
    for (let price = 101; price <= 120; price++) {
      await detail(two, 'p009') // cache it in two
      await handle.db.query('update skus set price_fen = $2 where product_id = $1', ['p009', price])
      expect((await detail(two, 'p009')).priceFen).toBe(price)
    }
  })
})

describe('CatalogVersionGate', () => {
  /** A read that resolves when told to, recording how many reads started. */
  function controlledReads() {
    const pending: ((version: string) => void)[] = []
    return {
      pending,
      read: () => new Promise<string>((resolve) => pending.push(resolve)),
    }
  }

  test('a caller never gets a version read that started before it asked', async () => {
    const reads = controlledReads()
    const gate = new CatalogVersionGate(reads.read)
    const early = gate.current()
    expect(reads.pending).toHaveLength(1)
    const late = gate.current() // the first read is already running: must wait for a second
    const later = gate.current() // shares that second read
    expect(reads.pending).toHaveLength(1)
    reads.pending[0]?.('1')
    expect(await early).toBe('1')
    await Promise.resolve()
    expect(reads.pending).toHaveLength(2)
    reads.pending[1]?.('2')
    expect(await late).toBe('2')
    expect(await later).toBe('2')
  })

  test('a failed read fails its callers, and the next caller reads again', async () => {
    let calls = 0
    const gate = new CatalogVersionGate(async () => {
      calls += 1
      if (calls === 1) throw new Error('database down')
      return '7'
    })
    await expect(gate.current()).rejects.toThrow('database down')
    await expect(gate.current()).resolves.toBe('7')
  })
})

describe('CatalogCache', () => {
  test('builds once per version, never caches a failure, and keeps at most maxEntries answers', async () => {
    let version = '1'
    const cache = new CatalogCache(new CatalogVersionGate(async () => version), 2)
    let builds = 0
    const build = async () => {
      builds += 1
      return cachedJson({ builds })
    }
    await Promise.all([cache.get('a', build), cache.get('a', build)])
    expect(builds).toBe(1)
    version = '2'
    await cache.get('a', build)
    expect(builds).toBe(2)
    await expect(cache.get('b', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(cache.get('b', build)).resolves.not.toBeNull()
    await cache.get('c', build)
    expect(cache.size).toBe(2)
  })

  test('a full cache lets go of the least recently used answer, counting hits through peek and get', async () => {
    const source = { current: async () => '1', known: () => '1', close: async () => undefined }
    const cache = new CatalogCache(source, 2)
    const builds: string[] = []
    const build = (key: string) => async () => {
      builds.push(key)
      return cachedJson({ key })
    }
    await cache.get('a', build('a'))
    await cache.get('b', build('b'))
    expect(cache.peek('a')).not.toBeUndefined() // a is now more recent than b
    await cache.get('c', build('c')) // full: b goes
    await cache.get('a', build('a'))
    expect(cache.peek('b')).toBeUndefined()
    await cache.get('c', build('c')) // a hit through get: c more recent than a
    await cache.get('b', build('b')) // full: a goes
    expect(cache.peek('a')).toBeUndefined()
    expect(builds).toEqual(['a', 'b', 'c', 'b'])
  })

  test('peek hands out a built answer without waiting only while an in-process version source still shows its version', async () => {
    let generation = 1
    const source = { current: async () => String(generation), known: () => String(generation), close: async () => undefined }
    const cache = new CatalogCache(source)
    const body = cachedJson({ a: 1 })
    expect(cache.peek('a')).toBeUndefined() // nothing built yet
    let finish: (value: CachedBody) => void = () => undefined
    const started = new Promise<void>((buildStarted) => {
      void cache.get('a', () => {
        buildStarted()
        return new Promise<CachedBody>((resolve) => (finish = resolve))
      })
    })
    await started
    expect(cache.peek('a')).toBeUndefined() // still building: callers wait in get()
    finish(body)
    await cache.get('a', async () => cachedJson({ unexpected: true }))
    expect(cache.peek('a')).toBe(body)
    await cache.get('missing', async () => null)
    expect(cache.peek('missing')).toBeNull() // a cached "not found" is an answer too
    generation = 2 // a notification moved the catalog: nothing of version 1 may be handed out
    expect(cache.peek('a')).toBeUndefined()
    await expect(cache.get('a', async () => cachedJson({ a: 2 }))).resolves.not.toBe(body)
    expect(cache.peek('a')?.bytes.toString()).toBe('{"a":2}')
  })

  test('peek never answers when the version must be read from the database (another process may have changed it)', async () => {
    const cache = new CatalogCache(new CatalogVersionGate(async () => '1'))
    await cache.get('a', async () => cachedJson({ a: 1 }))
    expect(cache.peek('a')).toBeUndefined()
  })

  test('If-None-Match matching follows RFC 9110: lists, weak tags and *', () => {
    expect(matchesEtag('"a", W/"b"', '"b"')).toBe(true)
    expect(matchesEtag('*', '"b"')).toBe(true)
    expect(matchesEtag('"a"', '"b"')).toBe(false)
    expect(matchesEtag(undefined, '"b"')).toBe(false)
  })
})
