/**
 * Property-based fuzzing of every registered route (issue 11, item 5). The routes come from the
 * app itself (fastify's onRoute), and each route's params, querystring and body schemas shape the
 * requests (support/route-fuzz.ts): mostly well-typed values mixed with NUL bytes, lone surrogates,
 * control characters, SQL-ish and oversized text, random JSON, garbage and multipart bodies. A route
 * added tomorrow is fuzzed without editing this file, and fails the first test if it declares no
 * schema. Fixed seed and a bounded number of runs, on PGlite and (with TEST_DATABASE_URL) on
 * PostgreSQL. Every answer must be 2xx or 4xx; a 4xx must have the {error:{code,message}} shape;
 * no body may carry a stack trace or SQL.
 */
import * as fc from 'fast-check'
import Fastify, { type LightMyRequestResponse } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { ApiErrorBodySchema } from '../src/contract'
import { login, TestClock } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyFor, CODE_POINT_COUNT, codePointAt, codePointIndex, hostileText, pathFor, queryFor, routeRecorder, undeclaredInputs, type RegisteredRoute } from './support/route-fuzz'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

test('the code-point unit of hostile text numbers code points as fast-check does, skipping lone surrogates, and maps each back', () => {
  const numbered: Array<[number, string]> = [[0, '\u0000'], [0xd7ff, '\ud7ff'], [0xd800, '\ue000'], [CODE_POINT_COUNT - 1, '\u{10ffff}']]
  for (const [index, text] of numbered) expect([index, codePointAt(index), codePointIndex(text)]).toEqual([index, text, index])
  for (const notOne of ['\ud800', '\udfff', 'ab', '', 7]) expect(() => codePointIndex(notOne)).toThrow('not one code point')
})

const SEED = 20261129
const RUNS_PER_ROUTE = 30

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

describe.each(databaseTargets())('fuzzed API on $name (fast-check, fixed seed)', (target) => {
  const clock = new TestClock()
  const recorder = routeRecorder()
  let ctx: CatalogApp
  let requests = 0
  let serverErrors = 0
  let successes = 0
  beforeAll(async () => {
    ctx = await openCatalogApp(target, { now: clock.now, devRoutes: true, pushToken: 'fuzz-token', onRoute: recorder.onRoute })
  })
  afterAll(async () => {
    process.stdout.write(`fuzz (${target.name}): ${recordedRoutes().length} routes, ${requests} requests (${successes} × 2xx), ${serverErrors} × 5xx\n`)
    await ctx.close()
  })

  /** HEAD routes fastify adds for each GET answer like the GET: fuzzing the GET covers them. */
  const recordedRoutes = (): RegisteredRoute[] => recorder.routes.filter((route) => route.method !== 'HEAD')

  test('every registered route declares its inputs (schema, params, body), so the generator sees them', () => {
    const routes = recordedRoutes()
    expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(['POST /api/orders', 'POST /api/me/avatar', 'POST /api/wechat/push', 'GET /api/search']))
    expect(routes.filter((route) => undeclaredInputs(route).length > 0).map((route) => [`${route.method} ${route.url}`, undeclaredInputs(route)])).toEqual([])
  })

  test('the declaration check fails on a route without a schema, an undeclared param or an undeclared body', async () => {
    const bare = routeRecorder()
    const app = Fastify()
    app.addHook('onRoute', bare.onRoute)
    app.get('/bare', async () => 'x')
    app.get('/items/:id', { schema: { params: { type: 'object', properties: {} } } }, async () => 'x')
    app.post('/things', { schema: { response: { 200: { type: 'string' } } } }, async () => 'x')
    await app.ready()
    await app.close()
    const problems = Object.fromEntries(bare.routes.filter((route) => route.method !== 'HEAD').map((route) => [`${route.method} ${route.url}`, undeclaredInputs(route)]))
    expect(problems).toEqual({
      'GET /bare': ['no schema'],
      'GET /items/:id': ['param id not in a params schema'],
      'POST /things': ['body not declared (config.body)'],
    })
  })

  test('every route: 2xx or 4xx with the error shape, no internals', async () => {
    const routes = recordedRoutes()
    expect(routes.length).toBeGreaterThan(20)
    for (const route of routes) {
      // A fresh member per route: DELETE /api/me and logout end the session they are sent with.
      const { token } = await login(ctx.app)
      const authorization = fc.oneof(
        { weight: 3, arbitrary: fc.constant(`Bearer ${token}`) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: hostileText.map((text) => `Bearer ${text.replace(/[^\x20-\x7e]/g, '')}`) },
      )
      await fc.assert(
        fc.asyncProperty(pathFor(route), queryFor(route), bodyFor(route), authorization, async (path, qs, body, auth) => {
          const headers: Record<string, string> = {}
          if (auth !== undefined) headers.authorization = auth
          if (body.contentType !== undefined) headers['content-type'] = body.contentType
          const url = qs ? `${path}?${qs}` : path
          requests += 1
          const response = await ctx.app.inject({ method: route.method as 'GET', url, headers, ...(body.payload === undefined ? {} : { payload: body.payload }) })
          if (response.statusCode >= 500) serverErrors += 1
          if (response.statusCode < 300) successes += 1
          checkResponse(`${route.method} ${url}`, response)
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      )
    }
  }, 600_000)

  test('the checker itself fails on a 5xx, on a leaked stack and on a bad error shape', () => {
    const fake = (statusCode: number, body: string) => ({ statusCode, body }) as LightMyRequestResponse
    expect(() => checkResponse('x', fake(500, '{"error":{"code":"INTERNAL","message":"x"}}'))).toThrow('5xx')
    expect(() => checkResponse('x', fake(400, '{"error":{"code":"BAD_REQUEST","message":"at foo (/srv/a.ts:1:2)"}}'))).toThrow('internals')
    expect(() => checkResponse('x', fake(400, '{"message":"no"}'))).toThrow('shape')
    expect(() => checkResponse('x', fake(200, '{"items":[]}'))).not.toThrow()
  })
})
