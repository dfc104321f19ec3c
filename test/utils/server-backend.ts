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
import { configure } from '@testing-library/react'
import type { FastifyInstance } from 'fastify'
import { sessionStore } from '@/app-root'
import type { CartItem } from '@/state/cart'
import '../../server/test/support/outside-jest' // before anything loads fastify or PGlite
import type { AppOptions } from '../../server/src/app'
import type { Database } from '../../server/src/db/database'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import type { LoginResponse, Order, PlaceOrderRequest, ProductDetail, UserProfile } from '../../server/src/contract'
import { appOver, openCatalogApp, type CatalogApp } from '../../server/test/support/catalog-app'
import { databaseTargets } from '../../server/test/support/test-databases'
import { IMAGES, multipart } from '../../server/test/support/accounts'
import { createScriptedNetwork, type FakeBackend, type RouteRequest } from './fake-backend'
import { taroFake } from './taro-api'

// A page waits for the real server (fastify and PGlite in this process) on a busy machine: findBy/waitFor
// give it 20 s. No test measures speed; the limit only catches hangs.
configure({ asyncUtilTimeout: 20_000 })

export interface ServerBackend extends FakeBackend {
  readonly app: FastifyInstance
  /** The file's test database: for what no API does (a price change, stock sold elsewhere). */
  readonly db: Database
}

type ServerOptions = Omit<AppOptions, 'db'>

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

/** Apps opened over a file server's database (openAppOverServer), closed before that database. */
const appsOver = new WeakMap<() => ServerBackend, Array<() => Promise<void>>>()

/** A fresh scripted network per test in front of an app that `open` starts before the file's first test. */
function backendForFile(open: () => Promise<CatalogApp>): () => ServerBackend {
  let server: CatalogApp | undefined
  let current: ServerBackend | undefined
  beforeAll(async () => {
    server = await open()
  })
  afterAll(async () => {
    for (const close of appsOver.get(getter) ?? []) await close()
    await server?.close()
  })
  beforeEach(() => {
    current = undefined
  })
  const getter = () => {
    if (!server) throw new Error('openServerForFile: the server opens in beforeAll; call the getter inside a test')
    current ??= Object.assign(createScriptedNetwork(toInject(server.app)), { app: server.app, db: server.db })
    return current
  }
  return getter
}

const optionsFrom = async (options: ServerOptions | (() => Promise<ServerOptions>)) => (typeof options === 'function' ? options() : options)

/**
 * Opens the seeded server before the file's first test and closes it after the last; returns a
 * getter for a fresh scripted network in front of it (made per test).
 */
export function openServerForFile(options: ServerOptions | (() => Promise<ServerOptions>) = {}): () => ServerBackend {
  const pglite = databaseTargets()[0]
  if (!pglite) throw new Error('no PGlite target')
  return backendForFile(async () => openCatalogApp(pglite, await optionsFrom(options)))
}

/**
 * A second app with other options (e.g. WeChat Pay configured) over the database of a server from
 * `openServerForFile` (opened earlier in the file), as a second server process of one shop would
 * run: loading a second database costs seconds of CPU, a second app a fraction of that. Members are
 * fresh per test, so tests through either app do not see each other's orders.
 */
export function openAppOverServer(server: () => ServerBackend, options: ServerOptions | (() => Promise<ServerOptions>)): () => ServerBackend {
  return backendForFile(async () => {
    const { db } = server()
    const app = await appOver(db, await optionsFrom(options))
    let closing: Promise<void> | undefined
    const close = () => (closing ??= app.close().then(() => undefined))
    appsOver.set(server, [...(appsOver.get(server) ?? []), close])
    return { app, db, close }
  })
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

/**
 * The cart line a shopper gets on the product page: the server's product and its SKU (the first
 * one in stock unless named) as the server has them now.
 */
export async function cartItemFromServer(app: FastifyInstance, productId: string, skuId?: string): Promise<CartItem> {
  const response = await app.inject({ method: 'GET', url: `/api/products/${productId}` })
  if (response.statusCode !== 200) throw new Error(`GET /api/products/${productId} -> ${response.statusCode}`)
  const product = response.json<ProductDetail>()
  const sku = product.skus.find((s) => (skuId === undefined ? s.stock > 0 : s.id === skuId))
  if (!sku) throw new Error(`${productId} has no SKU ${skuId ?? 'in stock'}`)
  return { productId, skuId: sku.id, name: product.name, skuName: sku.name, priceFen: sku.priceFen, image: product.image, stock: sku.stock }
}

/**
 * A member of the real server whose session this device holds (as after 微信一键登录): the page
 * sends the token the server issued, and the server decides what it may do. With `phone`, the
 * member saved that number earlier (the session's user shows it masked).
 */
export async function memberOnDevice(app: FastifyInstance, options: { phone?: string } = {}) {
  const member = await signUpMember(app)
  let user = member.session.user
  if (options.phone !== undefined) {
    await member.call('PUT', '/api/me/phone', { phone: options.phone })
    user = await member.call<UserProfile>('GET', '/api/me')
  }
  sessionStore.save({ ...member.session, user })
  return member
}

/** Changes a SKU in the test database, as the shop's staff would behind the app's back. */
export async function changeSku(db: Database, skuId: string, change: { priceFen?: number; stock?: number }): Promise<void> {
  const rows = await db.query('update skus set price_fen = coalesce($2, price_fen), stock = coalesce($3, stock) where id = $1 returning id', [skuId, change.priceFen ?? null, change.stock ?? null])
  if (rows.length !== 1) throw new Error(`no SKU ${skuId}`)
}

/**
 * Node's fetch for server code that calls out from a page test (the WeChat Pay gateway to its local
 * stand-in). jsdom's AbortSignal is not Node's and Node's fetch refuses it, so the caller's signal
 * is dropped: the stand-ins answer on loopback, and the gateway's own timeout is tested in server/test.
 */
export const fetchFromJsdom: typeof fetch = (input, init) => {
  const nodeFetch = (globalThis as { nodeFetch?: typeof fetch }).nodeFetch
  if (!nodeFetch) throw new Error('fetchFromJsdom: run the file in ./test/utils/jsdom-with-server-env.js')
  return nodeFetch(input, { ...init, signal: null })
}

/** A POST of one file as WeChat's uploadFile sends it: multipart/form-data, the file in `field`. */
function postFile(app: FastifyInstance, url: string, header: Record<string, string>, field: string, bytes: Buffer) {
  const body = multipart({ field, filename: 'tmp.png', contentType: 'image/png', bytes })
  return app.inject({ method: 'POST', url, headers: { ...header, ...body.headers }, payload: body.payload })
}

/**
 * Taro.uploadFile into the real server. `files` are the device's temporary files by path (what
 * chooseAvatar hands the page).
 */
export function uploadFilesTo(app: FastifyInstance, files: Record<string, Buffer>): void {
  taroFake.override('uploadFile', async (options) => {
    const bytes = files[String(options.filePath)]
    if (!bytes) throw { errMsg: `uploadFile:fail file not found: ${String(options.filePath)}` }
    const response = await postFile(app, new URL(String(options.url)).pathname, (options.header ?? {}) as Record<string, string>, String(options.name), bytes)
    // uploadFile hands the body over as text, whatever its type.
    return { statusCode: response.statusCode, data: response.body, errMsg: 'uploadFile:ok' }
  })
}

/** Sets the member's avatar on the server (a small PNG unless `bytes` are given); returns the profile. */
export async function uploadAvatar(app: FastifyInstance, token: string, bytes: Buffer = IMAGES.png): Promise<UserProfile> {
  const response = await postFile(app, '/api/me/avatar', { authorization: `Bearer ${token}` }, 'avatar', bytes)
  if (response.statusCode !== 200) throw new Error(`avatar upload failed: ${response.statusCode} ${response.body}`)
  return response.json<UserProfile>()
}


/**
 * An unmasked mainland mobile number in page text: 11 digits starting with 1, not part of a longer
 * run of letters or digits (order numbers such as `oc9c1e120106020831206` hold such digit runs).
 */
export const FULL_PHONE_IN_TEXT = /(?<![0-9A-Za-z])1\d{10}(?![0-9A-Za-z])/

/** A seeded outlet by id (server/src/seed/outlet-data.ts). */
export function seedOutlet(id: string): (typeof SEED_OUTLETS)[number] {
  const outlet = SEED_OUTLETS.find((o) => o.id === id)
  if (!outlet) throw new Error(`no seed outlet ${id}`)
  return outlet
}
