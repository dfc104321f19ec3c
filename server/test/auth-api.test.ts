import { createHash } from 'node:crypto'
import { MAX_SESSIONS_PER_USER, ROTATION_GRACE_MS, SESSION_ABSOLUTE_MS, SESSION_LIFETIME_MS } from '../src/auth/sessions'
import { UserProfileSchema } from '../src/contract'
import { SandboxWeChat, sandboxOpenid } from '../src/wechat/sandbox'
import { call, HOUR_MS, login, newLoginCode, TestClock } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { databaseTargets } from './support/test-databases'

describeWithApp('login and sessions', (ctx) => {
  const clock = new TestClock()
  ctx.configure({ now: clock.now })

  const sessionRow = async (token: string) => {
    const hash = createHash('sha256').update(token).digest('hex')
    const [row] = await ctx.db.query<{ expires_at: Date; last_used_at: Date }>(
      'select expires_at, last_used_at from sessions where token_hash = $1',
      [hash],
    )
    return row
  }

  test('WX-LOGIN-3: login exchanges the wx.login code for a server session token and a profile', async () => {
    const result = await login(ctx.app)
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(result.expiresAt).toBe(new Date(clock.now().getTime() + SESSION_LIFETIME_MS).toISOString())
    expect(result.user).toMatchObject({ nickname: null, avatarUrl: null, phoneMasked: null, createdAt: clock.now().toISOString() })
    expect(result.user.id).toMatch(/^u[0-9a-f]{20}$/)
  })

  test('WX-LOGIN-3: the token is not the openid, and only its SHA-256 is stored', async () => {
    const code = newLoginCode()
    const { token, user } = await login(ctx.app, code)
    const openid = sandboxOpenid(code)
    expect(token).not.toContain(openid)
    expect(user.id).not.toBe(openid)
    const hash = createHash('sha256').update(token).digest('hex')
    const rows = await ctx.db.query<Record<string, unknown>>('select * from sessions where user_id = $1', [user.id])
    expect(rows).toHaveLength(1)
    expect(rows[0]?.token_hash).toBe(hash)
    expect(JSON.stringify(rows)).not.toContain(token)
    const [stored] = await ctx.db.query<{ openid: string }>('select openid from users where id = $1', [user.id])
    expect(stored?.openid).toBe(openid)
  })

  test('the same code logs into the same account with a new session; another code is another account', async () => {
    const code = newLoginCode()
    const first = await login(ctx.app, code)
    const second = await login(ctx.app, code)
    expect(second.user.id).toBe(first.user.id)
    expect(second.token).not.toBe(first.token)
    expect((await login(ctx.app)).user.id).not.toBe(first.user.id)
  })

  test.each([
    ['sandbox-invalid', 400, 'WECHAT_INVALID_CODE', '登录凭证无效'],
    ['sandbox-ratelimit', 429, 'WECHAT_RATE_LIMITED', '操作太频繁'],
    ['sandbox-risky', 403, 'WECHAT_RISKY_USER', '安全风险'],
    ['sandbox-busy', 503, 'WECHAT_BUSY', '微信服务繁忙'],
  ] as const)('a WeChat refusal (%s) is %i %s with a clear message, and creates nothing', async (code, status, errorCode, text) => {
    const [before] = await ctx.db.query<{ n: number }>('select count(*)::int as n from users')
    const error = expectError(await call(ctx.app, 'POST', '/api/auth/login', { json: { code } }), status, errorCode)
    expect(error.error.message).toContain(text)
    const [after] = await ctx.db.query<{ n: number }>('select count(*)::int as n from users')
    expect(after?.n).toBe(before?.n)
  })

  test('WX-LOGIN-3: sessions expire after 2 days unless used; use in the second half slides them, never past 3 days', async () => {
    const { token } = await login(ctx.app)
    const loginAt = clock.now().getTime()
    const me = async () => (await call(ctx.app, 'GET', '/api/me', { token })).statusCode

    clock.advance(23 * HOUR_MS) // 25 h left: more than half, no renewal
    expect(await me()).toBe(200)
    expect((await sessionRow(token))?.expires_at.getTime()).toBe(loginAt + 48 * HOUR_MS)

    clock.advance(2 * HOUR_MS) // 23 h left: renewed to 48 h from now (and, a day old, rotated: WX-LOGIN-6)
    const response = await call(ctx.app, 'GET', '/api/me', { token })
    expect(response.statusCode).toBe(200)
    const current = String(response.headers['x-session-token'])
    const renewed = await sessionRow(current)
    expect(renewed?.expires_at.getTime()).toBe(clock.now().getTime() + 48 * HOUR_MS)
    expect((renewed?.expires_at.getTime() ?? 0) - (renewed?.last_used_at.getTime() ?? 0)).toBeLessThan(72 * HOUR_MS)

    clock.advance(48 * HOUR_MS) // exactly at expiry: gone
    expectError(await call(ctx.app, 'GET', '/api/me', { token: current }), 401, 'UNAUTHORIZED')
  })

  /** GET /api/me with the current token, taking the rotated one when the response carries it (as the client does). */
  const follow = async (state: { token: string }): Promise<number> => {
    const response = await call(ctx.app, 'GET', '/api/me', { token: state.token })
    const rotated = response.headers['x-session-token']
    if (typeof rotated === 'string') state.token = rotated
    return response.statusCode
  }

  test('WX-LOGIN-6: a token in use for a day is rotated; the response carries the new one and the old one lasts a short grace only', async () => {
    const first = await login(ctx.app)
    clock.advance(23 * HOUR_MS)
    const early = await call(ctx.app, 'GET', '/api/me', { token: first.token })
    expect(early.headers['x-session-token']).toBeUndefined()

    clock.advance(HOUR_MS)
    const due = await call(ctx.app, 'GET', '/api/me', { token: first.token })
    expect(due.statusCode).toBe(200)
    const next = String(due.headers['x-session-token'])
    expect(next).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(next).not.toBe(first.token)
    expect(due.headers['x-session-expires-at']).toBe(new Date(clock.now().getTime() + SESSION_LIFETIME_MS).toISOString())
    expect(due.headers['access-control-expose-headers']).toContain('X-Session-Token')

    // A request sent with the old token just before the client switched still works, without a second rotation.
    const inFlight = await call(ctx.app, 'GET', '/api/me', { token: first.token })
    expect(inFlight.statusCode).toBe(200)
    expect(inFlight.headers['x-session-token']).toBeUndefined()
    clock.advance(ROTATION_GRACE_MS)
    expectError(await call(ctx.app, 'GET', '/api/me', { token: first.token }), 401, 'UNAUTHORIZED')
    expect((await call(ctx.app, 'GET', '/api/me', { token: next })).statusCode).toBe(200)
  })

  test('WX-LOGIN-6: a login ends 30 days after it began, however often it is used', async () => {
    const state = { token: (await login(ctx.app)).token }
    const loginAt = clock.now().getTime()
    const tokens = new Set([state.token])
    while (clock.now().getTime() + 20 * HOUR_MS < loginAt + SESSION_ABSOLUTE_MS) {
      clock.advance(20 * HOUR_MS)
      expect(await follow(state)).toBe(200)
      tokens.add(state.token)
      const row = await sessionRow(state.token)
      expect(row?.expires_at.getTime()).toBeLessThanOrEqual(loginAt + SESSION_ABSOLUTE_MS)
    }
    expect(tokens.size).toBeGreaterThan(15) // rotated again and again (every other use, 20 h apart)
    clock.advance(loginAt + SESSION_ABSOLUTE_MS - clock.now().getTime())
    expectError(await call(ctx.app, 'GET', '/api/me', { token: state.token }), 401, 'UNAUTHORIZED')
  })

  test('WX-LOGIN-6: concurrent requests with a token due for rotation create one successor; logout ends the whole login', async () => {
    const { token, user } = await login(ctx.app)
    clock.advance(25 * HOUR_MS)
    const responses = await Promise.all(Array.from({ length: 6 }, () => call(ctx.app, 'GET', '/api/me', { token })))
    expect(responses.map((response) => response.statusCode)).toEqual(Array(6).fill(200))
    const successors = responses.map((response) => response.headers['x-session-token']).filter((value) => typeof value === 'string')
    expect(successors).toHaveLength(1)
    const [live] = await ctx.db.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [user.id])
    expect(live?.n).toBe(2) // the old token in its grace, and its successor

    expect((await call(ctx.app, 'POST', '/api/auth/logout', { token: String(successors[0]) })).statusCode).toBe(204)
    expectError(await call(ctx.app, 'GET', '/api/me', { token }), 401, 'UNAUTHORIZED')
    const [left] = await ctx.db.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [user.id])
    expect(left?.n).toBe(0)
  })

  test(`a user holds at most ${MAX_SESSIONS_PER_USER} sessions: each login beyond that revokes the oldest`, async () => {
    const code = newLoginCode()
    const tokens: string[] = []
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 2; i += 1) {
      tokens.push((await login(ctx.app, code)).token)
      clock.advance(1000)
    }
    const statuses = await Promise.all(tokens.map(async (token) => (await call(ctx.app, 'GET', '/api/me', { token })).statusCode))
    expect(statuses).toEqual([401, 401, ...Array(MAX_SESSIONS_PER_USER).fill(200)])
  })

  test('an unused session expires after exactly 2 days', async () => {
    const { token } = await login(ctx.app)
    clock.advance(48 * HOUR_MS - 1)
    expect((await call(ctx.app, 'GET', '/api/me', { token })).statusCode).toBe(200)
    clock.advance(48 * HOUR_MS) // the use above renewed it; now past that too
    expectError(await call(ctx.app, 'GET', '/api/me', { token }), 401, 'UNAUTHORIZED')
  })

  test('WX-LOGIN-4: logout revokes that session only', async () => {
    const code = newLoginCode()
    const phone = await login(ctx.app, code)
    const laptop = await login(ctx.app, code)
    const response = await call(ctx.app, 'POST', '/api/auth/logout', { token: phone.token })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expectError(await call(ctx.app, 'GET', '/api/me', { token: phone.token }), 401, 'UNAUTHORIZED')
    expectError(await call(ctx.app, 'POST', '/api/auth/logout', { token: phone.token }), 401, 'UNAUTHORIZED')
    const me = await call(ctx.app, 'GET', '/api/me', { token: laptop.token })
    expect(bodyOf(me, UserProfileSchema).id).toBe(laptop.user.id)
  })

  test('a missing, malformed or unknown token is 401 with WWW-Authenticate: Bearer', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Bearer ${'a'.repeat(42)}` },
      { authorization: `Bearer ${'a'.repeat(43)}` },
      { authorization: `Bearer ${'a'.repeat(43)}' or '1'='1` },
    ]
    for (const headers of cases) {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/me', headers })
      expectError(response, 401, 'UNAUTHORIZED')
      expect(response.headers['www-authenticate']).toBe('Bearer')
    }
  })
})

test('WX-PHONE-1: logging in never asks WeChat for a phone number, and the profile has none', async () => {
  const pglite = databaseTargets()[0]
  if (!pglite) throw new Error('PGlite target missing')
  const calls: string[] = []
  class RecordingSandbox extends SandboxWeChat {
    override getPhoneNumber(code: string) {
      calls.push('getPhoneNumber')
      return super.getPhoneNumber(code)
    }
  }
  const ctx = await openCatalogApp(pglite, { wechat: new RecordingSandbox() })
  try {
    const { token, user } = await login(ctx.app)
    expect(user.phoneMasked).toBeNull()
    await call(ctx.app, 'GET', '/api/me', { token })
    expect(calls).toEqual([])
  } finally {
    await ctx.close()
  }
})

describe('login input', () => {
  const pglite = databaseTargets()[0]
  let ctx: CatalogApp
  beforeAll(async () => {
    if (!pglite) throw new Error('PGlite target missing')
    ctx = await openCatalogApp(pglite)
  })
  afterAll(async () => {
    await ctx.close()
  })

  test.each<[string, { payload?: string; contentType?: string }, number, string]>([
    ['no body', {}, 400, 'body must be an object'],
    ['empty JSON object', { payload: '{}' }, 400, 'code is required'],
    ['code of the wrong type', { payload: '{"code":123456}' }, 400, 'code must be a string'],
    ['empty code', { payload: '{"code":""}' }, 400, 'code must be at least 1 characters'],
    ['oversized code', { payload: JSON.stringify({ code: 'x'.repeat(129) }) }, 400, 'code must be at most 128 characters'],
    ['garbage JSON', { payload: '{"code":' }, 400, 'JSON'],
    ['an array', { payload: '[]' }, 400, 'body must be an object'],
    ['extra fields', { payload: '{"code":"abc","openid":"o1"}' }, 400, 'openid is not allowed'],
    ['form encoding', { payload: 'code=abc', contentType: 'application/x-www-form-urlencoded' }, 415, 'Unsupported Media Type'],
  ])('%s is refused', async (_name, { payload, contentType = 'application/json' }, status, message) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
    })
    const error = expectError(response, status, status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST')
    expect(error.error.message).toContain(message)
  })

  test('a bodiless POST sent as JSON (wx.request adds the header) is accepted; prototype poisoning is not', async () => {
    const { token } = await login(ctx.app)
    const logout = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '',
    })
    expect(logout.statusCode).toBe(204)
    const poisoned = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":"abc","__proto__":{"admin":true}}',
    })
    expectError(poisoned, 400, 'BAD_REQUEST')
  })
})
