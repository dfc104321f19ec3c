/**
 * Requests that once answered 5xx (issue 11: 45 of 4,559 fuzzed requests), on both databases.
 */
import { createHash } from 'node:crypto'
import { pushSignature } from '../src/wechat/push-signature'
import { login, TestClock } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { expectError } from './support/http'

describeWithApp('hostile input', (ctx) => {
  const clock = new TestClock()
  ctx.configure({ now: clock.now, pushToken: 'tok' })

  test.each(['%00', 'a%00b', '%ED%A0%80', '%EF%BF%BF'])('GET /api/search?q=%s is 400 or 200, never 5xx', async (q) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/search?q=${q}` })
    expect([200, 400]).toContain(response.statusCode)
  })

  test('a NUL or a lone surrogate in a JSON body is a clear 400', async () => {
    const { token } = await login(ctx.app)
    for (const payload of ['{"nickname":"a\\u0000b"}', '{"nickname":"\\ud800x"}', '{"nickname":"x\\udc00"}']) {
      const response = await ctx.app.inject({ method: 'PUT', url: '/api/me/profile', payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })
      expect(expectError(response, 400, 'BAD_REQUEST').error.message).toContain('NUL')
    }
    // A proper surrogate pair (an emoji) is fine.
    const ok = await ctx.app.inject({ method: 'PUT', url: '/api/me/profile', payload: '{"nickname":"小王😀"}', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })
    expect(ok.statusCode).toBe(200)
  })

  test('a NUL in a signed push OpenID is 400, not 500', async () => {
    const timestamp = String(Math.floor(clock.now().getTime() / 1000))
    const nonce = createHash('sha1').update(timestamp).digest('hex').slice(0, 8)
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/wechat/push?signature=${pushSignature('tok', timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"Event":"user_authorization_cancellation","OpenID":"o\\u0000x"}',
    })
    expectError(response, 400, 'BAD_REQUEST')
  })

  test.each([
    ['no boundary', 'multipart/form-data'],
    ['a 300-character boundary', `multipart/form-data; boundary=${'b'.repeat(300)}`],
    ['an empty boundary', 'multipart/form-data; boundary='],
  ])('an avatar upload with %s is a 4xx', async (_name, contentType) => {
    const { token } = await login(ctx.app)
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/avatar',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      payload: `--${'b'.repeat(300)}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n\r\nxx\r\n--${'b'.repeat(300)}--\r\n`,
    })
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
    expect(response.body).not.toMatch(/at .*\.ts:|Error:/)
  })
})
