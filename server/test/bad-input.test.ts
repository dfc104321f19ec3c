import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { BODY_LIMIT_BYTES } from '../src/app'
import { buildTestApp } from './support/catalog-app'
import type { Database } from '../src/db/database'
import { pgliteTarget, appFor } from './support/describe-with-app'
import { expectError, get } from './support/http'

// Input handling does not depend on the database, so this file runs on PGlite only.
const ctx = appFor(pgliteTarget())

/** [url, expected status, code, text the message must contain] */
type BadCase = [string, number, 'BAD_REQUEST' | 'NOT_FOUND', string]

const pagingCases = (path: string): BadCase[] => [
  [`${path}page=0`, 400, 'BAD_REQUEST', 'page must be >= 1'],
  [`${path}page=-1`, 400, 'BAD_REQUEST', 'page must be >= 1'],
  [`${path}page=1001`, 400, 'BAD_REQUEST', 'page must be <= 1000'],
  [`${path}page=99999999999999999999`, 400, 'BAD_REQUEST', 'page'],
  [`${path}page=1.5`, 400, 'BAD_REQUEST', 'page must be an integer'],
  [`${path}page=abc`, 400, 'BAD_REQUEST', 'page must be an integer'],
  [`${path}page=`, 400, 'BAD_REQUEST', 'page must be an integer'],
  [`${path}page=1&page=2`, 400, 'BAD_REQUEST', 'page'],
  [`${path}page=Infinity`, 400, 'BAD_REQUEST', 'page must be a finite number'],
  [`${path}pageSize=-Infinity`, 400, 'BAD_REQUEST', 'pageSize must be a finite number'],
  [`${path}pageSize=0`, 400, 'BAD_REQUEST', 'pageSize must be >= 1'],
  [`${path}pageSize=-5`, 400, 'BAD_REQUEST', 'pageSize must be >= 1'],
  [`${path}pageSize=51`, 400, 'BAD_REQUEST', 'pageSize must be <= 50'],
  [`${path}pageSize=2.5`, 400, 'BAD_REQUEST', 'pageSize must be an integer'],
  [`${path}sort=cheapest`, 400, 'BAD_REQUEST', 'sort must be one of: default, sales, price_asc, price_desc'],
  [`${path}sort=`, 400, 'BAD_REQUEST', 'sort must be one of'],
  [`${path}sort=SALES`, 400, 'BAD_REQUEST', 'sort must be one of'],
]

const badCases: BadCase[] = [
  ...pagingCases('/api/products?'),
  ...pagingCases('/api/search?q=abc&'),
  ['/api/products?categoryId=', 400, 'BAD_REQUEST', 'categoryId has an invalid format'],
  ['/api/products?categoryId=Fruit!', 400, 'BAD_REQUEST', 'categoryId has an invalid format'],
  ['/api/products?categoryId=..%2F..%2Fetc', 400, 'BAD_REQUEST', 'categoryId has an invalid format'],
  ['/api/products?categoryId=nope', 404, 'NOT_FOUND', 'Category nope not found'],
  ['/api/products/P001', 400, 'BAD_REQUEST', 'id has an invalid format'],
  ["/api/products/p001'%20or%20'1'='1", 400, 'BAD_REQUEST', 'id has an invalid format'],
  ['/api/products/p001;drop%20table%20products', 400, 'BAD_REQUEST', 'id has an invalid format'],
  [`/api/products/${'a'.repeat(41)}`, 400, 'BAD_REQUEST', 'id has an invalid format'],
  [`/api/products/${'a'.repeat(200)}`, 400, 'BAD_REQUEST', 'A path segment is too long'],
  ['/api/products/p0%00', 400, 'BAD_REQUEST', 'id has an invalid format'],
  ['/api/products/%zz', 400, 'BAD_REQUEST', 'URL is not valid'],
  ['/api/search', 400, 'BAD_REQUEST', 'q must be 1 to 40 characters'],
  ['/api/search?q=', 400, 'BAD_REQUEST', 'q must be 1 to 40 characters'],
  ['/api/search?q=%20%20%20', 400, 'BAD_REQUEST', 'q must be 1 to 40 characters'],
  [`/api/search?q=${'a'.repeat(41)}`, 400, 'BAD_REQUEST', 'q must be 1 to 40 characters'],
  [`/api/search?q=${encodeURIComponent('橙'.repeat(41))}`, 400, 'BAD_REQUEST', 'q must be 1 to 40 characters'],
  ['/api/images/products/p001/x.png', 400, 'BAD_REQUEST', 'index must be an integer'],
  ['/api/images/products/p001/10.png', 400, 'BAD_REQUEST', 'index must be <= 9'],
  ['/api/images/products/P!/0.png', 400, 'BAD_REQUEST', 'productId has an invalid format'],
  ['/api/images/categories/..%2F..%2Fsecret.png', 400, 'BAD_REQUEST', 'categoryId has an invalid format'],
  ['/api/nothing-here', 404, 'NOT_FOUND', 'not found'],
  ['/', 404, 'NOT_FOUND', 'not found'],
]

test.each(badCases)('%s → %i %s', async (url, status, code, message) => {
  const error = expectError(await get(ctx.app, url), status, code)
  expect(error.error.message).toContain(message)
})

test('no bad input produces a 500 or leaks internals', async () => {
  for (const [url] of badCases) {
    const response = await get(ctx.app, url)
    expect({ url, status: response.statusCode < 500 }).toEqual({ url, status: true })
    expect(response.body).not.toMatch(/stack|at \w+ \(|node_modules|select |FST_/i)
  }
})

test('a search for the word Infinity is a search, not a number', async () => {
  expect((await get(ctx.app, '/api/search?q=Infinity')).statusCode).toBe(200)
})

test('extra query parameters are ignored', async () => {
  const response = await get(ctx.app, '/api/products?pageSize=2&utm_source=wechat&_t=123')
  expect(response.statusCode).toBe(200)
})

test('q of exactly 40 characters (after trimming) is accepted', async () => {
  expect((await get(ctx.app, `/api/search?q=${'a'.repeat(40)}`)).statusCode).toBe(200)
  expect((await get(ctx.app, `/api/search?q=${encodeURIComponent(` ${'橙'.repeat(40)} `)}`)).statusCode).toBe(200)
  // An emoji is one character, not two UTF-16 units.
  expect((await get(ctx.app, `/api/search?q=${encodeURIComponent('🍊'.repeat(40))}`)).statusCode).toBe(200)
})

test('an oversized URL is rejected with 414 and a clear message', async () => {
  const response = await get(ctx.app, `/api/search?q=a&pad=${'x'.repeat(3000)}`)
  const error = expectError(response, 414, 'BAD_REQUEST')
  expect(error.error.message).toBe('URL must be at most 2048 characters')
  expectError(await get(ctx.app, `/${'y'.repeat(5000)}`), 414, 'BAD_REQUEST')
})

describe('over a real socket', () => {
  /** GET through Node's HTTP parser, which inject() bypasses. */
  const rawGet = (port: number, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end()
    })

  let port: number
  beforeAll(async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 })
    port = (ctx.app.server.address() as AddressInfo).port
  })

  test('a 3 KB URL gets 414 JSON', async () => {
    const { status, body } = await rawGet(port, `/api/search?q=a&pad=${'x'.repeat(3000)}`)
    expect(status).toBe(414)
    expect(JSON.parse(body)).toEqual({ error: { code: 'BAD_REQUEST', message: 'URL must be at most 2048 characters' } })
  })

  test('a URL beyond Node\'s 16 KB header limit gets 431 JSON, not a bare socket error', async () => {
    const { status, body } = await rawGet(port, `/api/search?q=a&pad=${'x'.repeat(20_000)}`)
    expect(status).toBe(431)
    expect(JSON.parse(body)).toEqual({ error: { code: 'BAD_REQUEST', message: 'URL or headers are too large' } })
  })
})

test('methods other than GET on API routes are 404 JSON', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    const response = await ctx.app.inject({ method, url: '/api/products', payload: { a: 1 } })
    expectError(response, 404, 'NOT_FOUND')
  }
})

test('request bodies are capped at 64 KB', async () => {
  expect(ctx.app.initialConfig.bodyLimit).toBe(BODY_LIMIT_BYTES)
  expect(BODY_LIMIT_BYTES).toBe(64 * 1024)
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/products',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT_BYTES * 2) }),
  })
  expect(response.statusCode).toBeGreaterThanOrEqual(400)
  expect(response.statusCode).toBeLessThan(500)
})

describe('CORS', () => {
  test('every response allows any origin', async () => {
    for (const url of ['/api/products', '/api/products/p999', '/api/products?page=0', '/api/products/%zz']) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: { origin: 'http://localhost:10086' } })
      expect({ url, allow: response.headers['access-control-allow-origin'] }).toEqual({ url, allow: '*' })
    }
  })

  test('preflight requests get 204 with the allowed methods', async () => {
    const response = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/products',
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'GET' },
    })
    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe('*')
    expect(response.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, DELETE, OPTIONS')
    // Logged-in requests carry the session token in this header.
    expect(response.headers['access-control-allow-headers']).toBe('Authorization, Content-Type')
  })
})

describe('internal errors', () => {
  /** A database whose every query fails, as if the server went away mid-request. */
  const brokenDb: Database = {
    kind: 'pglite',
    query: () => Promise.reject(new Error('connection terminated: secret-host:5432')),
    exec: () => Promise.reject(new Error('connection terminated')),
    transaction: () => Promise.reject(new Error('connection terminated')),
    close: () => Promise.resolve(),
  }

  let app: FastifyInstance
  const logLines: string[] = []
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'))
        done()
      },
    })
    app = await buildTestApp({ db: brokenDb, logger: { level: 'info', stream } })
  })
  afterAll(async () => {
    await app.close()
  })

  test('a failing query is a generic 500 INTERNAL, logged with details', async () => {
    const response = await get(app, '/api/products/p001')
    const error = expectError(response, 500, 'INTERNAL')
    expect(error.error.message).toBe('Internal server error')
    expect(response.body).not.toContain('secret-host')
    expect(response.body).not.toContain('stack')
    expect(logLines.join('')).toContain('connection terminated: secret-host:5432')
  })

  test('liveness stays 200 (no database call); readiness reports 503 when the database is down', async () => {
    expect((await get(app, '/api/health')).statusCode).toBe(200)
    const error = expectError(await get(app, '/api/ready'), 503, 'INTERNAL')
    expect(error.error.message).toBe('Database unavailable')
  })

  test('bad input is still 400, not 500, when the database is down', async () => {
    expectError(await get(app, '/api/products?page=0'), 400, 'BAD_REQUEST')
  })
})
