import { randomBytes } from 'node:crypto'
import { UserProfileSchema } from '../src/contract'
import { pushSignature } from '../src/wechat/push-signature'
import { sandboxOpenid } from '../src/wechat/sandbox'
import { PUSH_TIMESTAMP_WINDOW_MS } from '../src/routes/wechat-push'
import { call, IMAGES, login, multipart, newLoginCode, TestClock } from './support/accounts'
import { appOver } from './support/catalog-app'
import { pgliteTarget, appFor } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { deliveryRequest, placeOrder } from './support/orders'
import { pushEvent as event } from './support/push-events'
import { rowsAboutUser } from './support/user-rows'

const PUSH_TOKEN = 'pushToken2026'
const pglite = pgliteTarget()
const clock = new TestClock()
const ctx = appFor(pglite, { pushToken: PUSH_TOKEN, now: clock.now })

/** WeChat's timestamp is in seconds; each real push has its own nonce. */
const nowSeconds = (): string => String(Math.floor(clock.now().getTime() / 1000))
const newNonce = (): string => String(randomBytes(4).readUInt32BE())
const signed = (token = PUSH_TOKEN, timestamp = nowSeconds(), nonce = newNonce()) =>
  `signature=${pushSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`

const push = (query: string, body: unknown, contentType = 'application/json') =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/wechat/push?${query}`,
    headers: { 'content-type': contentType },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })


/** A user with nickname and avatar; returns what the push needs and what the test checks. */
async function userWithProfile() {
  const code = newLoginCode()
  const { token, user } = await login(ctx.app, code)
  await call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname: '推送测试' } })
  const { payload, headers } = multipart({ field: 'avatar', filename: 'a.png', contentType: 'image/png', bytes: IMAGES.png })
  await ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
  const profile = async () => bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema)
  return { token, userId: user.id, openid: sandboxOpenid(code), profile }
}

describe('URL verification (GET)', () => {
  test('WX-DATA-4: a valid signature echoes echostr as plain text', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/wechat/push?${signed()}&echostr=5839204719` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain/)
    expect(response.body).toBe('5839204719')
  })

  test('a wrong, missing or other-token signature is 401', async () => {
    for (const query of [
      `${signed('another-token')}&echostr=1`,
      'timestamp=1&nonce=2&echostr=1',
      'echostr=1',
      `signature=${'0'.repeat(40)}&timestamp=${nowSeconds()}&nonce=853614&echostr=1`,
    ]) {
      expectError(await ctx.app.inject({ method: 'GET', url: `/api/wechat/push?${query}` }), 401, 'UNAUTHORIZED')
    }
  })

  test('without WECHAT_PUSH_TOKEN every push request is 401', async () => {
    const off = await appOver(ctx.db)
    try {
      expectError(await off.inject({ method: 'GET', url: `/api/wechat/push?${signed()}&echostr=1` }), 401, 'UNAUTHORIZED')
      const response = await off.inject({ method: 'POST', url: `/api/wechat/push?${signed()}`, payload: {} })
      expectError(response, 401, 'UNAUTHORIZED')
    } finally {
      await off.close()
    }
  })
})

describe('events (POST)', () => {
  test('WX-DATA-4: revoking nickname and avatar (RevokeInfo 6) deletes both and answers "success"', async () => {
    const user = await userWithProfile()
    const avatarUrl = (await user.profile()).avatarUrl ?? ''
    const response = await push(signed(), event(user.openid, 'user_authorization_revoke', '6'))
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe('success')
    expect(await user.profile()).toMatchObject({ nickname: null, avatarUrl: null })
    expectError(await ctx.app.inject({ method: 'GET', url: avatarUrl }), 404, 'NOT_FOUND')
  })

  test('WX-DATA-4: RevokeInfo 19 deletes only the nickname, 20 only the avatar', async () => {
    const nicknameOnly = await userWithProfile()
    await push(signed(), event(nicknameOnly.openid, 'user_authorization_revoke', '19'))
    const afterNickname = await nicknameOnly.profile()
    expect(afterNickname.nickname).toBeNull()
    expect(afterNickname.avatarUrl).not.toBeNull()

    const avatarOnly = await userWithProfile()
    await push(signed(), event(avatarOnly.openid, 'user_authorization_revoke', '20'))
    expect(await avatarOnly.profile()).toMatchObject({ nickname: '推送测试', avatarUrl: null })
  })

  test('WX-DATA-4: revoking the phone number (RevokeInfo 8) deletes it from the account and its orders', async () => {
    const user = await userWithProfile()
    await call(ctx.app, 'PUT', '/api/me/phone', { token: user.token, json: { phone: '13612345678' } })
    const order = await placeOrder(ctx.app, user.token, deliveryRequest())
    await push(signed(), event(user.openid, 'user_authorization_revoke', '8'))
    expect(await user.profile()).toMatchObject({ phoneMasked: null, nickname: '推送测试' })
    const [row] = await ctx.db.query<{ phone_enc: string | null; phone_masked: string | null }>(
      'select phone_enc, phone_masked from orders where id = $1',
      [order.id],
    )
    expect(row).toEqual({ phone_enc: null, phone_masked: null })
  })

  test('WX-DATA-4: user_info_modified clears nickname and avatar', async () => {
    const user = await userWithProfile()
    await push(signed(), event(user.openid, 'user_info_modified'))
    expect(await user.profile()).toMatchObject({ nickname: null, avatarUrl: null })
  })

  test('WX-DATA-4: account cancellation deletes the account entirely, like DELETE /api/me', async () => {
    const user = await userWithProfile()
    const response = await push(signed(), event(user.openid, 'user_authorization_cancellation'))
    expect(response.body).toBe('success')
    const rows = await rowsAboutUser(ctx.db, user.userId)
    expect(rows).toEqual(Object.fromEntries(Object.keys(rows).map((table) => [table, 0])))
    expectError(await call(ctx.app, 'GET', '/api/me', { token: user.token }), 401, 'UNAUTHORIZED')
  })

  test('WX-DATA-4: a bad signature is 401 and changes nothing', async () => {
    const user = await userWithProfile()
    for (const query of [signed('wrong-token'), 'timestamp=1&nonce=1', '']) {
      expectError(await push(query, event(user.openid, 'user_authorization_cancellation')), 401, 'UNAUTHORIZED')
    }
    expect((await user.profile()).nickname).toBe('推送测试')
  })

  test('unknown events, revocations of data not kept here, unknown users and odd bodies are acknowledged and ignored', async () => {
    const user = await userWithProfile()
    for (const body of [
      event(user.openid, 'some_future_event'),
      event(user.openid, 'user_authorization_revoke', '13'), // location: never stored
      event(sandboxOpenid(newLoginCode()), 'user_authorization_cancellation'),
      { MsgType: 'event', Event: 'user_authorization_cancellation' }, // no OpenID
      { hello: 'world' },
      [],
    ]) {
      const response = await push(signed(), body)
      expect({ body, status: response.statusCode, text: response.body }).toEqual({ body, status: 200, text: 'success' })
    }
    expect((await user.profile()).nickname).toBe('推送测试')
  })

  test('a JSON body sent as text/plain is understood', async () => {
    const user = await userWithProfile()
    const response = await push(signed(), JSON.stringify(event(user.openid, 'user_authorization_revoke', '6')), 'text/plain')
    expect(response.body).toBe('success')
    expect((await user.profile()).nickname).toBeNull()
  })

  test('garbage JSON is 400; encrypted (safe-mode) messages are refused with a hint', async () => {
    expectError(await push(signed(), '{"Event":', 'application/json'), 400, 'BAD_REQUEST')
    expectError(await push(signed(), '{"Event":', 'text/plain'), 400, 'BAD_REQUEST')
    const error = expectError(await push(signed(), { ToUserName: 'gh_1', Encrypt: 'abc' }), 400, 'BAD_REQUEST')
    expect(error.error.message).toContain('plaintext JSON')
  })
})

describe('replays and stale messages', () => {
  test('WX-DATA-4: a captured push replayed as is (same signature, timestamp and nonce) is refused, and does nothing', async () => {
    const victim = await userWithProfile()
    const captured = signed()
    expect((await push(captured, event('o-someone-else', 'user_info_modified'))).statusCode).toBe(200)
    const replay = await push(captured, event(victim.openid, 'user_authorization_cancellation'))
    expect(expectError(replay, 401, 'UNAUTHORIZED').error.message).toContain('replay')
    expect((await victim.profile()).nickname).toBe('推送测试')
  })

  test('WX-DATA-4: a validly signed push with an old timestamp (or one from the future) is refused', async () => {
    const victim = await userWithProfile()
    const windowSeconds = PUSH_TIMESTAMP_WINDOW_MS / 1000
    const now = Number(nowSeconds())
    for (const timestamp of ['1483228800', String(now - windowSeconds - 1), String(now + windowSeconds + 1), 'abc']) {
      const response = await push(signed(PUSH_TOKEN, timestamp), event(victim.openid, 'user_authorization_cancellation'))
      expectError(response, 401, 'UNAUTHORIZED')
    }
    expect((await victim.profile()).nickname).toBe('推送测试')
    // Inside the window it is accepted.
    expect((await push(signed(PUSH_TOKEN, String(now - windowSeconds + 5)), event('o-nobody', 'user_info_modified'))).statusCode).toBe(200)
  })
})
