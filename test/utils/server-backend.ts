/**
 * Page tests against the REAL reference backend (server/src/app.ts) in process: Taro.request goes
 * through the device's scripted network (test/utils/fake-backend.ts: offline, timeouts and
 * malformed answers are the only fakes left) into fastify's `inject` on an in-memory PGlite loaded
 * from the seeded template the server tests use (server/test/support). Paging, pricing, stock,
 * idempotency, 409s and login through the WeChat sandbox are the server's own.
 *
 * A file that uses it runs in the environment that gives jsdom the Node globals fastify needs:
 *   /** @jest-environment ./test/utils/jsdom-with-server-env.js *\/
 * and calls `openServerForFile()` once at the top: one database and app per file (opening one costs
 * ~1-2 s of CPU), fresh scripted network per test.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import '../../server/test/support/outside-jest' // before anything loads fastify or PGlite
import type { AppOptions } from '../../server/src/app'
import type { LoginResponse, Order, PlaceOrderRequest, ProductDetail } from '../../server/src/contract'
import { openCatalogApp, type CatalogApp } from '../../server/test/support/catalog-app'
import { databaseTargets } from '../../server/test/support/test-databases'
import { createScriptedNetwork, type FakeBackend, type RouteRequest } from './fake-backend'

export interface ServerBackend extends FakeBackend {
  readonly app: FastifyInstance
}

function toInject(app: FastifyInstance) {
  return async ({ method, path, query, body, headers }: RouteRequest) => {
    const search = query.toString()
    const response = await app.inject({
      method: method as 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: search ? `${path}?${search}` : path,
      headers,
      // wx.request sends JSON; an absent body stays absent.
      payload: body === undefined ? undefined : JSON.stringify(body),
    })
    const type = String(response.headers['content-type'] ?? '')
    const header = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]))
    // Like wx.request with dataType json: JSON is parsed, an empty body is ''.
    const parsed: unknown = type.includes('json') && response.body !== '' ? JSON.parse(response.body) : response.body
    return { status: response.statusCode, body: parsed, header }
  }
}

/**
 * Opens the seeded server before the file's first test and closes it after the last; returns a
 * getter for a fresh scripted network in front of it (made per test).
 */
export function openServerForFile(options: Omit<AppOptions, 'db'> = {}): () => ServerBackend {
  let server: CatalogApp | undefined
  let current: ServerBackend | undefined
  const pglite = databaseTargets()[0]
  if (!pglite) throw new Error('no PGlite target')

  beforeAll(async () => {
    server = await openCatalogApp(pglite, options)
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(() => {
    current = undefined
  })

  return () => {
    if (!server) throw new Error('openServerForFile: the server opens in beforeAll; call the getter inside a test')
    current ??= Object.assign(createScriptedNetwork(toInject(server.app)), { app: server.app })
    return current
  }
}

let memberCount = 0

/**
 * A member of the real server, logged in through the WeChat sandbox (a fresh login code gives a
 * fresh account, so tests in one file never see each other's orders), with helpers that call the
 * API directly to set up what a test needs (orders placed earlier, …).
 */
export async function signUpMember(app: FastifyInstance) {
  memberCount += 1
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { code: `page-test-${process.pid}-${memberCount}-${Date.now()}` } })
  if (login.statusCode !== 200) throw new Error(`sandbox login failed: ${login.statusCode} ${login.body}`)
  const session = login.json<LoginResponse>()
  const call = async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<T> => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${session.token}` }, payload: payload as string | undefined })
    if (response.statusCode >= 300) throw new Error(`${method} ${url} -> ${response.statusCode} ${response.body}`)
    return (response.body === '' ? undefined : response.json()) as T
  }
  return {
    session,
    call,
    /** Places an order at the server's current price of the product's first SKU. */
    async placeOrder(productId: string, quantity: number, order: Omit<PlaceOrderRequest, 'items' | 'idempotencyKey' | 'note'> & { note?: string }): Promise<Order> {
      const product = await call<ProductDetail>('GET', `/api/products/${productId}`)
      const sku = product.skus.find((s) => s.stock >= quantity)
      if (!sku) throw new Error(`no SKU of ${productId} has ${quantity} in stock`)
      return call<Order>('POST', '/api/orders', {
        idempotencyKey: `key-${randomUUID()}`,
        items: [{ skuId: sku.id, quantity, unitPriceFen: sku.priceFen }],
        note: '',
        ...order,
      })
    },
  }
}
