/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * The catalog client against the real server in process (its seeded catalog, its 404s and 400s);
 * offline, timeouts and malformed bodies are scripted on the device's network in front of it.
 */
import { createCatalogApi } from '@/services/api/catalog'
import { ApiError, buildUrl, createHttpClient, taroTransport, TransportError } from '@/services/api/http'
import type { Transport } from '@/services/api/http'
import { isProductSummary } from '@/services/api/generated/is-product-summary'
import type { Category } from '@contract/schemas'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const BASE = 'http://api.test'
const server = openServerForFile()
const FIRST = SEED_PRODUCTS[0]
if (!FIRST) throw new Error('seed data missing')
const FRUIT = SEED_PRODUCTS.filter((p) => p.categoryId === 'fruit')

function setup() {
  const backend = server()
  const api = createCatalogApi({ transport: backend.transport, baseUrl: BASE })
  return { backend, api }
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('catalog client: successful calls', () => {
  it('reads categories, product pages, details and search results in the contract shapes', async () => {
    const { api, backend } = setup()

    const served = (await backend.app.inject({ method: 'GET', url: '/api/categories' })).json<{ items: Category[] }>()
    await expect(api.getCategories()).resolves.toEqual(served.items)

    const page = await api.listProducts({ categoryId: 'fruit', sort: 'price_desc', page: 2, pageSize: 5 })
    expect(page).toMatchObject({ page: 2, pageSize: 5, total: FRUIT.length })
    expect(page.items).toHaveLength(Math.min(5, FRUIT.length - 5))
    expect(page.items.every(isProductSummary)).toBe(true)
    const prices = page.items.map((p) => p.priceFen)
    expect(prices).toEqual([...prices].sort((a, b) => b - a))

    const detail = await api.getProduct(FIRST.id)
    expect(detail.skus.map((s) => s.name)).toEqual(FIRST.skus.map((s) => s.name))

    const found = await api.searchProducts({ q: FIRST.name })
    expect(found.items.map((p) => p.id)).toContain(FIRST.id)

    expect(backend.requests).toEqual([
      'GET /api/categories',
      'GET /api/products?categoryId=fruit&sort=price_desc&page=2&pageSize=5',
      `GET /api/products/${FIRST.id}`,
      `GET /api/search?q=${encodeURIComponent(FIRST.name)}&sort=default&page=1&pageSize=10`,
    ])
  })

  it('encodes query values and path ids, and leaves out empty parameters', () => {
    expect(buildUrl(`${BASE}/`, '/api/search', { q: '奶茶 & 咖啡', page: 1, categoryId: undefined, sort: '' })).toBe(
      `${BASE}/api/search?q=${encodeURIComponent('奶茶 & 咖啡')}&page=1`,
    )
  })

  it('prefixes relative image paths with the API base URL', () => {
    const { api } = setup()
    expect(api.imageUrl('/api/images/products/p001/0.png')).toBe(`${BASE}/api/images/products/p001/0.png`)
    expect(api.imageUrl('api/images/x.png')).toBe(`${BASE}/api/images/x.png`)
    expect(api.imageUrl('https://cdn.example/x.png')).toBe('https://cdn.example/x.png')
    expect(createCatalogApi({ transport: setup().backend.transport, baseUrl: '' }).imageUrl('/api/images/a.png')).toBe('/api/images/a.png')
  })
})

describe('catalog client: every failure is one ApiError', () => {
  it("kind 'network' when no response arrives, with a Chinese message for the user", async () => {
    const { api, backend } = setup()
    backend.offline = true
    const error = await apiError(api.getCategories())
    expect(error.kind).toBe('network')
    expect(error.message).toBe('网络不给力，请检查网络后重试')
    expect(error.detail).toMatch(/GET http:\/\/api\.test\/api\/categories/)
  })

  it("kind 'network' also for a transport that throws something unexpected", async () => {
    const broken: Transport = () => Promise.reject(new Error('socket hang up'))
    const error = await apiError(createCatalogApi({ transport: broken, baseUrl: BASE }).getCategories())
    expect(error).toMatchObject({ kind: 'network', detail: expect.stringContaining('socket hang up') })
  })

  it("kind 'timeout' when the request times out", async () => {
    const { api, backend } = setup()
    backend.respond('/api/products', 'timeout')
    const error = await apiError(api.listProducts())
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe('请求超时，请稍后重试')
  })

  it("kind 'http' with status and the server's error code for non-2xx responses", async () => {
    const { api } = setup()
    const error = await apiError(api.getProduct('nope'))
    expect(error).toMatchObject({ kind: 'http', status: 404, code: 'NOT_FOUND', message: '内容不存在或已下架' })
    expect(error.detail).toContain('Product nope not found')

    const bad = await apiError(api.searchProducts({ q: '   ' }))
    expect(bad).toMatchObject({ kind: 'http', status: 400, code: 'BAD_REQUEST' })
  })

  it("kind 'http' without a code when the error body is missing or not the contract's", async () => {
    const { api, backend } = setup()
    backend.respond('/api/categories', { status: 502, body: '<html>Bad Gateway</html>' })
    const error = await apiError(api.getCategories())
    expect(error).toMatchObject({ kind: 'http', status: 502, code: undefined, message: '服务开小差了，请稍后重试' })
  })

  it.each([
    ['a string body', 'not json at all'],
    ['null', null],
    ['items that are not categories', { items: [{ id: 1, name: '水果' }] }],
    ['a missing items array', { categories: [] }],
  ])("kind 'malformed' for %s, never a crash", async (_label, body) => {
    const { api, backend } = setup()
    backend.respond('/api/categories', { status: 200, body })
    const error = await apiError(api.getCategories())
    expect(error).toMatchObject({ kind: 'malformed', status: 200, message: '数据加载异常，请稍后重试' })
  })

  it("kind 'malformed' when one product in a page has a wrong field type", async () => {
    const { api, backend } = setup()
    const good = await api.listProducts()
    backend.respond('/api/products', { status: 200, body: { ...good, items: [{ ...good.items[0], priceFen: '39.90' }] } })
    expect((await apiError(api.listProducts())).kind).toBe('malformed')
  })

  it("kind 'malformed' for a detail whose SKUs are broken", async () => {
    const { api, backend } = setup()
    const good = await api.getProduct(FIRST.id)
    backend.respond(/^\/api\/products\//, { status: 200, body: { ...good, skus: [{ id: 'x' }] } })
    expect((await apiError(api.getProduct(FIRST.id))).kind).toBe('malformed')
  })

  it('ApiError.from wraps anything else as malformed and passes ApiErrors through', () => {
    const original = new ApiError({ kind: 'timeout', detail: 'x' })
    expect(ApiError.from(original)).toBe(original)
    expect(ApiError.from('boom')).toMatchObject({ kind: 'malformed', detail: 'Unexpected error: boom' })
  })

  it('passes the timeout to the transport', async () => {
    const seen: number[] = []
    const transport: Transport = async (request) => {
      seen.push(request.timeoutMs)
      return { status: 200, data: { items: [] } }
    }
    await createHttpClient({ transport, baseUrl: BASE, timeoutMs: 1234 }).get('/api/categories', {}, (v): v is unknown => v !== undefined)
    expect(seen).toEqual([1234])
  })
})

describe('taroTransport: the app wiring over Taro.request', () => {
  it('returns status and body of any HTTP response', async () => {
    taroFake.setRequestHandler(server().taroRequest)
    await expect(taroTransport({ url: `${BASE}/api/products/nope`, method: 'GET', timeoutMs: 5000 })).resolves.toMatchObject({
      status: 404,
      data: { error: { code: 'NOT_FOUND' } },
    })
    expect(taroFake.callsTo('request')).toHaveLength(1)
  })

  it.each([
    ['request:fail timeout', 'timeout'],
    ['request:fail net::ERR_INTERNET_DISCONNECTED', 'network'],
  ])('classifies the wx failure "%s" as %s', async (errMsg, reason) => {
    taroFake.setRequestHandler(() => Promise.reject({ errMsg }))
    await expect(taroTransport({ url: `${BASE}/x`, method: 'GET', timeoutMs: 1 })).rejects.toMatchObject({ reason, message: errMsg })
  })

  it('classifies the H5 AbortError (Taro aborts fetch on timeout) as timeout', async () => {
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })
    taroFake.setRequestHandler(() => Promise.reject(abort))
    const error: unknown = await taroTransport({ url: `${BASE}/x`, method: 'GET', timeoutMs: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ reason: 'timeout' })
  })
})
