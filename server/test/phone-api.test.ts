import { randomBytes } from 'node:crypto'
import { MyDataSchema, PhoneOnFileSchema, UserProfileSchema } from '../src/contract'
import { DEVELOPMENT_PHONE_KEY, PhoneCipher } from '../src/phones/phone-cipher'
import { maskMobile, normalizeMobile } from '../src/phones/phones'
import { call, login } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'

describe('phone cipher and format', () => {
  const cipher = new PhoneCipher(randomBytes(32))

  test('WX-DATA-3: AES-256-GCM round trip; a fresh IV each time; bound to the user id', () => {
    const first = cipher.encrypt('13800138000', 'u1')
    const second = cipher.encrypt('13800138000', 'u1')
    expect(first).not.toBe(second)
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
    expect(first).not.toContain('13800138000')
    expect(cipher.decrypt(first, 'u1')).toBe('13800138000')
    expect(() => cipher.decrypt(first, 'u2')).toThrow()
  })

  test('a tampered value, another key or an unknown format does not decrypt', () => {
    const stored = cipher.encrypt('13800138000', 'u1')
    const parts = stored.split('.')
    const flipped = Buffer.from(parts[3] ?? '', 'base64url')
    flipped[0] = (flipped[0] ?? 0) ^ 1
    expect(() => cipher.decrypt([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'), 'u1')).toThrow()
    expect(() => new PhoneCipher(DEVELOPMENT_PHONE_KEY).decrypt(stored, 'u1')).toThrow()
    expect(() => cipher.decrypt('v2.a.b.c', 'u1')).toThrow('Unknown phone ciphertext format')
    expect(() => new PhoneCipher(randomBytes(16))).toThrow('32 bytes')
  })

  test('mainland mobile numbers: spaces and dashes are dropped, anything else is refused; masks keep 3+4 digits', () => {
    expect(normalizeMobile(' 138 0013-8000 ')).toBe('13800138000')
    for (const bad of ['12800138000', '1380013800', '138001380001', '+8613800138000', '1380013800a', '']) {
      expect({ bad, normalized: normalizeMobile(bad) }).toEqual({ bad, normalized: null })
    }
    expect(maskMobile('13800138000')).toBe('138****8000')
  })
})

describeWithApp('phone on file', (ctx) => {

  const viaWeChat = (token: string, code: unknown) => call(ctx.app, 'POST', '/api/me/phone/wechat', { token, json: { code } })
  const typed = (token: string, phone: unknown) => call(ctx.app, 'PUT', '/api/me/phone', { token, json: { phone } })

  test('WX-PHONE-5: the getPhoneNumber code is exchanged on the server; only the masked number comes back', async () => {
    const { token } = await login(ctx.app)
    const response = await viaWeChat(token, 'phone-code-from-button')
    expect(bodyOf(response, PhoneOnFileSchema)).toEqual({ masked: '138****8000', source: 'wechat' })
    expect(response.body).not.toContain('13800138000')
    expect(bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).phoneMasked).toBe('138****8000')
    const data = bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema)
    expect(data.phone).toMatchObject({ masked: '138****8000', source: 'wechat' })
  })

  test('WX-PHONE-5: quota used up (1400001) is 429 PHONE_QUOTA_EXCEEDED with a calm hint to type the number', async () => {
    const { token } = await login(ctx.app)
    const error = expectError(await viaWeChat(token, 'sandbox-phone-quota'), 429, 'PHONE_QUOTA_EXCEEDED')
    expect(error.error.message).toBe('暂时无法获取微信手机号，请手动填写手机号')
    expect(bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).phoneMasked).toBeNull()
  })

  test('other WeChat refusals: invalid code 400, busy 503; bad bodies 400; no login 401', async () => {
    const { token } = await login(ctx.app)
    expectError(await viaWeChat(token, 'sandbox-phone-invalid'), 400, 'WECHAT_INVALID_CODE')
    expectError(await viaWeChat(token, 'sandbox-phone-busy'), 503, 'WECHAT_BUSY')
    expectError(await viaWeChat(token, 12345), 400, 'BAD_REQUEST')
    expectError(await viaWeChat(token, ''), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'POST', '/api/me/phone/wechat', { token }), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'POST', '/api/me/phone/wechat', { json: { code: 'abc' } }), 401, 'UNAUTHORIZED')
  })

  test('WX-PHONE-3: a number typed by hand is saved (masked, source manual) and replaces the one on file', async () => {
    const { token } = await login(ctx.app)
    await viaWeChat(token, 'phone-code')
    expect(bodyOf(await typed(token, '139 1234-5678'), PhoneOnFileSchema)).toEqual({ masked: '139****5678', source: 'manual' })
    expect(bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).phoneMasked).toBe('139****5678')
  })

  test.each(['12345678901', '1391234567', '139123456789', 'abcdefghijk', '', 13912345678, null])(
    'a typed phone of %j is refused with 400',
    async (phone) => {
      const { token } = await login(ctx.app)
      expectError(await typed(token, phone), 400, 'BAD_REQUEST')
    },
  )

  test('DELETE /api/me/phone forgets it', async () => {
    const { token } = await login(ctx.app)
    await typed(token, '13912345678')
    expect((await call(ctx.app, 'DELETE', '/api/me/phone', { token })).statusCode).toBe(204)
    expect(bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema).phone).toBeNull()
    expect((await call(ctx.app, 'DELETE', '/api/me/phone', { token })).statusCode).toBe(204)
  })

  test('WX-DATA-3: the number is stored encrypted for its user, with a masked copy; never in clear', async () => {
    const { token, user } = await login(ctx.app)
    await typed(token, '13912345678')
    const [row] = await ctx.db.query<Record<string, string>>('select * from phones where user_id = $1', [user.id])
    expect(JSON.stringify(row)).not.toContain('13912345678')
    expect(row?.phone_masked).toBe('139****5678')
    expect(new PhoneCipher(DEVELOPMENT_PHONE_KEY).decrypt(row?.phone_enc ?? '', user.id)).toBe('13912345678')
  })

  test("WX-PROFILE-4: one user's phone never shows in another user's responses", async () => {
    const alice = await login(ctx.app)
    await typed(alice.token, '13700001111')
    const bob = await login(ctx.app)
    for (const url of ['/api/me', '/api/me/data']) {
      expect((await call(ctx.app, 'GET', url, { token: bob.token })).body).not.toContain('137****1111')
    }
  })
})
