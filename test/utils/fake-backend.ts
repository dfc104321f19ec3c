import { TEXT_LIMITS } from '@contract/rules'
import type { Transport, TransportRequest, TransportResponse } from '@/services/api/http'
import { TransportError } from '@/services/api/http'
import type { ProductDetail, ProductSort } from '@contract/schemas'
import { CATEGORIES, PRODUCTS, summaryOf } from './fixtures'

/**
 * An in-memory stand-in for the backend in server/, serving the fixtures with the server's
 * rules (sorting, paging, 404/400 error bodies, search over name/subtitle/category). Tests can
 * take it offline, make requests time out, or script any response, including malformed bodies.
 */

export type Failure = 'network' | 'timeout'

export interface RecordedCall {
  method: string
  path: string
  body: unknown
  headers: Record<string, string>
}
export type Scripted = { status: number; body: unknown } | Failure

export interface FakeBackend {
  /** For unit tests: plug into createCatalogApi({ transport }). */
  readonly transport: Transport
  /** For page tests: what wx.request / Taro.request would do (resolves {statusCode, data}, rejects {errMsg}). */
  readonly taroRequest: (options: { url: string; method?: string; timeout?: number; data?: unknown; header?: Record<string, string> }) => Promise<{ statusCode: number; data: unknown; header: Record<string, string> }>
  /** Every request as "GET /api/path?query", in order. */
  readonly requests: string[]
  /** Every request with its method, body and headers, in order (for POST/PUT/DELETE checks). */
  readonly calls: RecordedCall[]
  /** While true, every request fails as if the device had no network. */
  offline: boolean
  /** Scripts the next `times` responses of requests whose path (without query) matches. */
  respond(path: string | RegExp, response: Scripted, times?: number): void
  /**
   * Serves `method` + path with a handler for the rest of the test (a stateful fake endpoint, e.g.
   * orders). Scripted responses still win; the fixture catalog answers what no route claims.
   */
  route(method: string, path: string | RegExp, handler: RouteHandler): void
}

export interface RouteRequest {
  method: string
  path: string
  /** Capture groups of a RegExp path, decoded. */
  params: string[]
  query: URLSearchParams
  body: unknown
  headers: Record<string, string>
}
export type RouteHandler = (request: RouteRequest) => Scripted

const PAGE_SIZE_DEFAULT = 10
const PAGE_SIZE_MAX = 50
const SEARCH_MAX_CHARS = TEXT_LIMITS.searchKeyword

function error(status: number, code: string, message: string) {
  return { status, body: { error: { code, message } } }
}

const SORTERS: Record<ProductSort, (a: ProductDetail, b: ProductDetail) => number> = {
  default: () => 0,
  sales: (a, b) => b.sales - a.sales,
  price_asc: (a, b) => a.priceFen - b.priceFen,
  price_desc: (a, b) => b.priceFen - a.priceFen,
}

function page(all: ProductDetail[], query: URLSearchParams) {
  const sort = (query.get('sort') ?? 'default') as ProductSort
  const pageNo = Number(query.get('page') ?? '1')
  const pageSize = Number(query.get('pageSize') ?? String(PAGE_SIZE_DEFAULT))
  if (!(sort in SORTERS)) return error(400, 'BAD_REQUEST', 'querystring/sort must be equal to one of the allowed values')
  if (!Number.isInteger(pageNo) || pageNo < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
    return error(400, 'BAD_REQUEST', 'bad paging')
  }
  const sorted = [...all].sort(SORTERS[sort])
  const items = sorted.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(summaryOf)
  return { status: 200, body: { items, page: pageNo, pageSize, total: all.length } }
}

function serve(path: string, query: URLSearchParams): { status: number; body: unknown } {
  if (path === '/api/categories') return { status: 200, body: { items: CATEGORIES } }
  if (path === '/api/products') {
    const categoryId = query.get('categoryId')
    if (categoryId !== null && !CATEGORIES.some((c) => c.id === categoryId)) {
      return error(404, 'NOT_FOUND', `Category ${categoryId} not found`)
    }
    return page(categoryId === null ? PRODUCTS : PRODUCTS.filter((p) => p.categoryId === categoryId), query)
  }
  const detail = /^\/api\/products\/([^/]+)$/.exec(path)
  if (detail) {
    const id = decodeURIComponent(detail[1] ?? '')
    const product = PRODUCTS.find((p) => p.id === id)
    return product ? { status: 200, body: product } : error(404, 'NOT_FOUND', `Product ${id} not found`)
  }
  if (path === '/api/search') {
    const q = (query.get('q') ?? '').trim()
    if ([...q].length < 1 || [...q].length > SEARCH_MAX_CHARS) {
      return error(400, 'BAD_REQUEST', `q must be 1 to ${SEARCH_MAX_CHARS} characters`)
    }
    const needle = q.toLowerCase()
    const categoryName = (id: string) => CATEGORIES.find((c) => c.id === id)?.name ?? ''
    const hits = PRODUCTS.filter((p) =>
      [p.name, p.subtitle, categoryName(p.categoryId)].some((text) => text.toLowerCase().includes(needle)),
    )
    return page(hits, query)
  }
  return error(404, 'NOT_FOUND', `Route ${path} not found`)
}

/** What answers a request that no script or fault intercepted. */
export type Serve = (request: RouteRequest) => Promise<{ status: number; body: unknown; header?: Record<string, string> }>

/**
 * The device's network in front of a backend: records every request, can go offline, and plays
 * scripted responses (timeouts, malformed bodies, errors) before `answer` takes the rest.
 */
export function createScriptedNetwork(answer: Serve): FakeBackend {
  const scripts: Array<{ path: string | RegExp; response: Scripted; times: number }> = []
  const routes: Array<{ method: string; path: string | RegExp; handler: RouteHandler }> = []
  const requests: string[] = []
  const calls: RecordedCall[] = []

  /** One request through the network: a response, or the reason no response arrived. */
  async function handle({ url, method = 'GET', data, header = {} }: Pick<TransportRequest, 'url'> & { method?: string; data?: unknown; header?: Record<string, string> }): Promise<{ status: number; body: unknown; header?: Record<string, string> } | Failure> {
    const parsed = new URL(url, 'http://fake.invalid')
    requests.push(`${method} ${parsed.pathname}${parsed.search}`)
    calls.push({ method, path: parsed.pathname, body: data, headers: header })
    // A real round trip is asynchronous; so is this one.
    await Promise.resolve()
    if (backend.offline) return 'network'
    const index = scripts.findIndex((s) => (typeof s.path === 'string' ? s.path === parsed.pathname : s.path.test(parsed.pathname)))
    const script = scripts[index]
    if (script) {
      script.times -= 1
      if (script.times <= 0) scripts.splice(index, 1)
      return script.response
    }
    for (const route of routes) {
      if (route.method !== method) continue
      const match = typeof route.path === 'string' ? (route.path === parsed.pathname ? [parsed.pathname] : null) : route.path.exec(parsed.pathname)
      if (!match) continue
      const params = match.slice(1).map((part) => decodeURIComponent(part ?? ''))
      return route.handler({ method, path: parsed.pathname, params, query: parsed.searchParams, body: data, headers: header })
    }
    return answer({ method, path: parsed.pathname, params: [], query: parsed.searchParams, body: data, headers: header })
  }

  const backend: FakeBackend = {
    requests,
    calls,
    offline: false,
    respond(path, response, times = 1) {
      scripts.push({ path, response, times })
    },
    route(method, path, handler) {
      routes.push({ method, path, handler })
    },
    async transport(request): Promise<TransportResponse> {
      const result = await handle(request)
      if (result === 'network') throw new TransportError('network', 'fake backend: offline')
      if (result === 'timeout') throw new TransportError('timeout', 'fake backend: timed out')
      return { status: result.status, data: result.body, header: result.header }
    },
    async taroRequest(options) {
      const result = await handle(options)
      // The errMsg texts wx.request uses for these two failures.
      if (result === 'network') throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }
      if (result === 'timeout') throw { errMsg: 'request:fail timeout' }
      return { statusCode: result.status, data: result.body, header: result.header ?? { 'content-type': 'application/json' } }
    },
  }
  return backend
}

/** The fixture catalog behind the scripted network (for tests not yet moved to the real server). */
export function createFakeBackend(): FakeBackend {
  return createScriptedNetwork(async ({ path, query }) => serve(path, query))
}
