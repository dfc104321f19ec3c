/**
 * Property-based fuzzing of every endpoint (issue 11, item 5): random and hostile bodies, queries,
 * path parameters and headers, shaped by each route's schema (field names and types) and mixed with
 * NUL bytes, lone surrogates, control characters, SQL-ish and oversized text. Fixed seed and a
 * bounded number of runs, so it is repeatable and finite. Every answer must be 2xx or 4xx; a 4xx
 * must have the {error:{code,message}} shape; no body may carry a stack trace or SQL.
 */
import * as fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { ApiErrorBodySchema, PlaceOrderRequestSchema } from '../src/contract'
import { login, multipart, TestClock } from './support/accounts'
import { pgliteTarget, appFor } from './support/describe-with-app'

const SEED = 20261129
const RUNS_PER_ENDPOINT = 30

/** Text an attacker or a broken client sends. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202e\u0007\u001b[2J', "' or '1'='1", '%00', '../../etc/passwd', '😀'.repeat(30), 'x'.repeat(3000), '', ' ', 'null', '-1', '1e309', 'NaN'),
)
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
)

/** An object with the schema's own field names (some left out, some extra) holding hostile values. */
const shapedObject = (fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(Object.fromEntries(fields.map((field) => [field, hostileValue])), { requiredKeys: [] })

/** Percent-encodes the UTF-8 bytes (encodeURIComponent throws on a lone surrogate). */
const encode = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
const queryString = (fields: readonly string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields), hostileText), hostileText), { maxLength: 4 }).map((pairs) =>
    pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&'),
  )
const segment = fc.oneof(fc.constantFrom('p001', 'fruit', 'o' + '0'.repeat(20), 'sh-jingan', '0', 'x'.repeat(200)), hostileText).map(encode)

type Body = { kind: 'none' } | { kind: 'json'; text: string } | { kind: 'raw'; contentType: string; text: string }
const jsonBody = (fields: readonly string[]): fc.Arbitrary<Body> =>
  fc.oneof(
    shapedObject(fields).map((value): Body => ({ kind: 'json', text: JSON.stringify(value) })),
    fc.jsonValue().map((value): Body => ({ kind: 'json', text: JSON.stringify(value) })),
    fc.constantFrom<Body>({ kind: 'raw', contentType: 'application/json', text: '{"a":' }, { kind: 'raw', contentType: 'text/plain', text: 'x' }, { kind: 'none' }),
  )

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: fc.Arbitrary<string>
  query?: readonly string[]
  body?: readonly string[]
  auth: boolean
}

const fixed = (path: string) => fc.constant(path)
const ORDER_FIELDS = Object.keys(PlaceOrderRequestSchema.properties)

const ENDPOINTS: Record<string, Endpoint> = {
  'GET /api/health': { method: 'GET', path: fixed('/api/health'), auth: false },
  'GET /api/categories': { method: 'GET', path: fixed('/api/categories'), auth: false },
  'GET /api/products': { method: 'GET', path: fixed('/api/products'), query: ['categoryId', 'sort', 'page', 'pageSize'], auth: false },
  'GET /api/products/:id': { method: 'GET', path: segment.map((id) => `/api/products/${id}`), auth: false },
  'GET /api/search': { method: 'GET', path: fixed('/api/search'), query: ['q', 'sort', 'page', 'pageSize'], auth: false },
  'GET /api/images/products/:productId/:index.png': { method: 'GET', path: fc.tuple(segment, segment).map(([id, n]) => `/api/images/products/${id}/${n}.png`), auth: false },
  'GET /api/images/categories/:categoryId.png': { method: 'GET', path: segment.map((id) => `/api/images/categories/${id}.png`), auth: false },
  'GET /api/avatars/:key.:ext': { method: 'GET', path: fc.tuple(segment, segment).map(([key, ext]) => `/api/avatars/${key}.${ext}`), auth: false },
  'GET /api/stores': { method: 'GET', path: fixed('/api/stores'), auth: false },
  'GET /api/stores/nearest': { method: 'GET', path: fixed('/api/stores/nearest'), query: ['latitude', 'longitude'], auth: false },
  'GET /api/subscribe/templates': { method: 'GET', path: fixed('/api/subscribe/templates'), auth: false },
  'POST /api/auth/login': { method: 'POST', path: fixed('/api/auth/login'), body: ['code'], auth: false },
  'POST /api/auth/logout': { method: 'POST', path: fixed('/api/auth/logout'), body: [], auth: true },
  'GET /api/me': { method: 'GET', path: fixed('/api/me'), auth: true },
  'PUT /api/me/profile': { method: 'PUT', path: fixed('/api/me/profile'), body: ['nickname'], auth: true },
  'DELETE /api/me/profile': { method: 'DELETE', path: fixed('/api/me/profile'), auth: true },
  'GET /api/me/data': { method: 'GET', path: fixed('/api/me/data'), auth: true },
  'PUT /api/me/store': { method: 'PUT', path: fixed('/api/me/store'), body: ['storeId'], auth: true },
  'POST /api/me/phone/wechat': { method: 'POST', path: fixed('/api/me/phone/wechat'), body: ['code'], auth: true },
  'PUT /api/me/phone': { method: 'PUT', path: fixed('/api/me/phone'), body: ['phone'], auth: true },
  'DELETE /api/me/phone': { method: 'DELETE', path: fixed('/api/me/phone'), auth: true },
  'POST /api/orders': { method: 'POST', path: fixed('/api/orders'), body: ORDER_FIELDS, auth: true },
  'GET /api/orders': { method: 'GET', path: fixed('/api/orders'), query: ['page', 'pageSize'], auth: true },
  'GET /api/orders/:id': { method: 'GET', path: segment.map((id) => `/api/orders/${id}`), auth: true },
  'POST /api/orders/:id/pay': { method: 'POST', path: segment.map((id) => `/api/orders/${id}/pay`), body: [], auth: true },
  'POST /api/orders/:id/subscriptions': { method: 'POST', path: segment.map((id) => `/api/orders/${id}/subscriptions`), body: ['results'], auth: true },
  'POST /api/orders/:id/advance': { method: 'POST', path: segment.map((id) => `/api/orders/${id}/advance`), body: [], auth: true },
  'GET /api/wechat/push': { method: 'GET', path: fixed('/api/wechat/push'), query: ['signature', 'timestamp', 'nonce', 'echostr'], auth: false },
  'POST /api/wechat/push': { method: 'POST', path: fixed('/api/wechat/push'), query: ['signature', 'timestamp', 'nonce'], body: ['Event', 'OpenID', 'RevokeInfo', 'Encrypt'], auth: false },
}

/** What no response body may contain: stack frames, SQL, driver messages. */
const LEAKS = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\bselect\b.*\bfrom\b|\bSQLSTATE\b|syntax error|violates|relation "|duplicate key/i

function checkResponse(label: string, response: LightMyRequestResponse): void {
  const problem = (why: string) => new Error(`${label} → ${response.statusCode}: ${why}\n${response.body.slice(0, 300)}`)
  if (response.statusCode >= 500) throw problem('5xx')
  if (LEAKS.test(response.body)) throw problem('internals in the body')
  if (response.statusCode >= 400) {
    const parsed: unknown = JSON.parse(response.body)
    if (!Value.Check(ApiErrorBodySchema, parsed)) throw problem('not the {error:{code,message}} shape')
  }
}

describe('fuzzed API (fast-check, fixed seed)', () => {
  const clock = new TestClock()
  const ctx = appFor(pgliteTarget(), { now: clock.now, devRoutes: true, pushToken: 'fuzz-token' })
  let token = ''
  let requests = 0
  beforeAll(async () => {
    token = (await login(ctx.app)).token
  })
  afterAll(() => {
    process.stdout.write(`fuzz: ${requests} requests, 0 × 5xx\n`)
  })

  test('every endpoint in the table exists (a new route needs a row)', () => {
    for (const name of Object.keys(ENDPOINTS)) {
      const [method, url] = name.split(' ') as [Endpoint['method'], string]
      expect({ name, exists: ctx.app.hasRoute({ method, url }) }).toEqual({ name, exists: true })
    }
  })

  test.each(Object.entries(ENDPOINTS))('%s: 2xx or 4xx with the error shape, no internals', async (_name, endpoint) => {
    const body = endpoint.body ? jsonBody(endpoint.body) : fc.constant<Body>({ kind: 'none' })
    const query = endpoint.query ? queryString(endpoint.query) : fc.constant('')
    const authHeader = fc.oneof(fc.constant(`Bearer ${token}`), fc.constant(`Bearer ${token}`), hostileText.map((text) => `Bearer ${text.replace(/[^\x20-\x7e]/g, '')}`))
    await fc.assert(
      fc.asyncProperty(endpoint.path, query, body, authHeader, async (path, qs, payload, authorization) => {
        const headers: Record<string, string> = endpoint.auth ? { authorization } : {}
        if (payload.kind === 'json') headers['content-type'] = 'application/json'
        if (payload.kind === 'raw') headers['content-type'] = payload.contentType
        const url = qs ? `${path}?${qs}` : path
        requests += 1
        const response = await ctx.app.inject({ method: endpoint.method, url, headers, ...(payload.kind === 'none' ? {} : { payload: payload.text }) })
        checkResponse(`${endpoint.method} ${url}`, response)
      }),
      { seed: SEED, numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
    )
  })

  test('multipart avatar uploads with random parts and boundaries', async () => {
    const boundary = fc.oneof(fc.string({ minLength: 0, maxLength: 80 }), fc.constant('b'.repeat(300)), fc.constant(''))
    await fc.assert(
      fc.asyncProperty(boundary, fc.uint8Array({ maxLength: 200 }), fc.constantFrom('avatar', 'file', ''), async (mark, bytes, field) => {
        const good = multipart({ field: field || 'avatar', filename: 'a.png', contentType: 'image/png', bytes: Buffer.from(bytes) })
        const contentType = mark === '' ? 'multipart/form-data' : `multipart/form-data; boundary=${mark.replace(/[^\x21-\x7e]/g, '')}`
        const [headers, payload] = field === '' ? [{ 'content-type': contentType }, good.payload] : [good.headers, good.payload]
        requests += 1
        const response = await ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
        checkResponse('POST /api/me/avatar (multipart)', response)
      }),
      { seed: SEED, numRuns: 40, endOnFailure: true },
    )
  })

  test('the checker itself fails on a 5xx, on a leaked stack and on a bad error shape', () => {
    const fake = (statusCode: number, body: string) => ({ statusCode, body }) as LightMyRequestResponse
    expect(() => checkResponse('x', fake(500, '{"error":{"code":"INTERNAL","message":"x"}}'))).toThrow('5xx')
    expect(() => checkResponse('x', fake(400, '{"error":{"code":"BAD_REQUEST","message":"at foo (/srv/a.ts:1:2)"}}'))).toThrow('internals')
    expect(() => checkResponse('x', fake(400, '{"message":"no"}'))).toThrow('shape')
    expect(() => checkResponse('x', fake(200, '{"items":[]}'))).not.toThrow()
  })
})
