import { buildTestApp } from './support/catalog-app'
import { LoginResponseSchema } from '../src/contract'
import { unlimited, type LimitSettings } from '../src/limits/rate-limits'
import { SandboxWeChat } from '../src/wechat/sandbox'
import { call, HOUR_MS, IMAGES, login, multipart, newLoginCode, TestClock } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { orderRequest, postOrder } from './support/orders'

const MINUTE_MS = 60_000

/** Small limits so a test reaches them in a few requests; the rest effectively off. */
const LIMITS: LimitSettings = {
  ...unlimited(),
  LOGIN_PER_IP: { max: 3, windowMs: 10 * MINUTE_MS },
  PHONE_WECHAT_PER_USER: { max: 2, windowMs: 24 * HOUR_MS },
  PHONE_WECHAT_PER_DAY: { max: 5, windowMs: 24 * HOUR_MS },
  PHONE_MANUAL_PER_USER: { max: 2, windowMs: HOUR_MS },
  ORDERS_PER_USER: { max: 2, windowMs: 10 * MINUTE_MS },
  AVATAR_UPLOADS_PER_USER: { max: 3, windowMs: HOUR_MS },
  AVATAR_BYTES_PER_USER: { max: 200, windowMs: 24 * HOUR_MS },
}

describeWithApp('rate limits and quotas', (ctx) => {
  // Windows are aligned to the clock: start at a window boundary so "advance" is predictable.
  const clock = new TestClock('2026-11-22T00:00:00.000Z')
  const wechat = new SandboxWeChat()
  const phoneCalls: string[] = []
  wechat.getPhoneNumber = (original => async (code: string) => {
    phoneCalls.push(code)
    return original(code)
  })(wechat.getPhoneNumber.bind(wechat))
  ctx.configure({ now: clock.now, rateLimits: LIMITS, wechat, orderPolicy: { payWindowMs: 15 * MINUTE_MS, maxUnpaidOrders: 50, maxUnpaidUnits: 100_000 } })
  beforeEach(() => clock.advance(24 * HOUR_MS)) // a fresh window for every limit

  const loginFrom = (remoteAddress: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { code: newLoginCode() } })

  test('login: per client address; the 4th in 10 minutes is 429 with Retry-After and a calm Chinese message; other addresses are unaffected', async () => {
    for (let i = 0; i < 3; i += 1) expect((await loginFrom('203.0.113.7')).statusCode).toBe(200)
    const limited = await loginFrom('203.0.113.7')
    const error = expectError(limited, 429, 'TOO_MANY_REQUESTS')
    expect(error.error.message).toBe('登录尝试太频繁，请 10 分钟后再试')
    expect(limited.headers['retry-after']).toBe('600')
    expect((await loginFrom('198.51.100.9')).statusCode).toBe(200)
    clock.advance(4 * MINUTE_MS)
    expect((await loginFrom('203.0.113.7')).headers['retry-after']).toBe('360')
    clock.advance(6 * MINUTE_MS) // the window has ended
    bodyOf(await loginFrom('203.0.113.7'), LoginResponseSchema)
  })

  test('WeChat phone numbers: 2 per user per day, then 429 pointing to manual entry, without calling WeChat; other users still get theirs', async () => {
    const { token } = await login(ctx.app)
    const before = phoneCalls.length
    for (let i = 0; i < 2; i += 1) expect((await call(ctx.app, 'POST', '/api/me/phone/wechat', { token, json: { code: `c${i}` } })).statusCode).toBe(200)
    const limited = await call(ctx.app, 'POST', '/api/me/phone/wechat', { token, json: { code: 'c3' } })
    expect(expectError(limited, 429, 'TOO_MANY_REQUESTS').error.message).toContain('手动填写')
    expect(phoneCalls.length - before).toBe(2)
    const other = await login(ctx.app)
    expect((await call(ctx.app, 'POST', '/api/me/phone/wechat', { token: other.token, json: { code: 'c4' } })).statusCode).toBe(200)
    // Typing a number is limited separately and stays available.
    expect((await call(ctx.app, 'PUT', '/api/me/phone', { token, json: { phone: '13912345678' } })).statusCode).toBe(200)
  })

  test('WeChat phone numbers: a service-wide daily quota caps the billed calls of all users together', async () => {
    const users = []
    for (let i = 0; i < 4; i += 1) {
      clock.advance(10 * MINUTE_MS) // past the login limit of this one test address
      users.push(await login(ctx.app))
    }
    const statuses: number[] = []
    for (const { token } of users) {
      for (let i = 0; i < 2; i += 1) statuses.push((await call(ctx.app, 'POST', '/api/me/phone/wechat', { token, json: { code: 'x' } })).statusCode)
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(3)
  })

  test('typed phone numbers and order creation are limited per user', async () => {
    const { token, user } = await login(ctx.app)
    const phones = []
    for (let i = 0; i < 3; i += 1) phones.push((await call(ctx.app, 'PUT', '/api/me/phone', { token, json: { phone: '13912345678' } })).statusCode)
    expect(phones).toEqual([200, 200, 429])
    const orders = []
    for (let i = 0; i < 3; i += 1) orders.push((await postOrder(ctx.app, token, orderRequest())).statusCode)
    expect(orders).toEqual([201, 201, 429])
    const [count] = await ctx.db.query<{ n: number }>('select count(*)::int as n from orders where user_id = $1', [user.id])
    expect(count?.n).toBe(2)
  })

  test('avatars: uploads per hour and bytes per day per user', async () => {
    const { token } = await login(ctx.app)
    const upload = async (bytes: Buffer) => {
      const body = multipart({ field: 'avatar', filename: 'a.png', contentType: 'image/png', bytes })
      return ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } })
    }
    expect((await upload(IMAGES.png)).statusCode).toBe(200) // 72 bytes
    expect((await upload(IMAGES.png)).statusCode).toBe(200) // 144
    const overBytes = await upload(IMAGES.png) // 216 > 200
    expect(expectError(overBytes, 429, 'TOO_MANY_REQUESTS').error.message).toContain('今日上传的头像已达上限')
    expect((await upload(IMAGES.png)).statusCode).toBe(429) // and the 4th upload is over the count anyway
  })

  test('the counts are shared by every server process on the database (two apps, one limit)', async () => {
    const second = await buildTestApp({ db: ctx.db, now: clock.now, rateLimits: LIMITS })
    try {
      const statuses: number[] = []
      for (const app of [ctx.app, second, ctx.app, second]) {
        statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.44', payload: { code: newLoginCode() } })).statusCode)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      // Counters hold hashes only: no address in clear.
      const rows = await ctx.db.query<{ subject: string }>('select subject from rate_counters')
      expect(rows.map((row) => row.subject).join(' ')).not.toContain('192.0.2.44')
    } finally {
      await second.close()
    }
  })
})
