import { createCipheriv, randomBytes } from 'node:crypto'
import { UserProfileSchema } from '../src/contract'
import { PUSH_TIMESTAMP_WINDOW_MS } from '../src/routes/wechat-push'
import { decryptPushMessage, encryptPushMessage, parseEncodingAesKey, type PushSafeMode } from '../src/wechat/push-crypto'
import { pushSignature } from '../src/wechat/push-signature'
import { sandboxOpenid } from '../src/wechat/sandbox'
import { call, login, newLoginCode, TestClock } from './support/accounts'
import { appOver, openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyOf, expectError } from './support/http'
import { databaseTargets } from './support/test-databases'
import { pushEvent as event } from './support/push-events'

const PUSH_TOKEN = 'safeModeToken2026'
const APPID = 'wx0123456789abcdef'
/** An EncodingAESKey as the admin console generates it: 43 letters and digits. */
const AES_KEY_TEXT = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'
const safeMode: PushSafeMode = { key: parseEncodingAesKey(AES_KEY_TEXT), appId: APPID, acceptPlain: false }

const pglite = databaseTargets()[0]
if (!pglite) throw new Error('PGlite target missing')

const clock = new TestClock()
let ctx: CatalogApp
beforeAll(async () => {
  ctx = await openCatalogApp(pglite, { pushToken: PUSH_TOKEN, pushSafeMode: safeMode, now: clock.now })
})
afterAll(async () => {
  await ctx.close()
})

const nowSeconds = (): string => String(Math.floor(clock.now().getTime() / 1000))
const newNonce = (): string => String(randomBytes(4).readUInt32BE())

/** What WeChat sends in safe mode: both signatures in the URL, only the ciphertext in the body. */
function sealed(message: unknown, options: { timestamp?: string; nonce?: string; appId?: string; encrypt?: string } = {}) {
  const { timestamp = nowSeconds(), nonce = newNonce(), appId = APPID } = options
  const encrypt = options.encrypt ?? encryptPushMessage(safeMode.key, JSON.stringify(message), appId)
  const query =
    `signature=${pushSignature(PUSH_TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}` +
    `&encrypt_type=aes&msg_signature=${pushSignature(PUSH_TOKEN, timestamp, nonce, encrypt)}`
  return { query, body: { ToUserName: 'gh_870882ca4b1', Encrypt: encrypt } }
}

const push = (query: string, body: unknown, app = ctx.app) =>
  app.inject({ method: 'POST', url: `/api/wechat/push?${query}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })


async function userWithNickname() {
  const code = newLoginCode()
  const { token } = await login(ctx.app, code)
  await call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname: '安全模式' } })
  const nickname = async () => bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).nickname
  return { openid: sandboxOpenid(code), token, nickname }
}

/** AES-256-CBC of raw bytes with the push key, without our padding: for malformed plaintexts. */
function rawCiphertext(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', safeMode.key, safeMode.key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

describe('the safe-mode format', () => {
  test('the key is base64(EncodingAESKey + "="), 32 bytes; encrypt → decrypt gives the message back for the same appid only', () => {
    expect(safeMode.key).toHaveLength(32)
    const message = JSON.stringify(event('o-1', 'user_info_modified'))
    const encrypt = encryptPushMessage(safeMode.key, message, APPID)
    // 16 random + 4 length + message + appid, padded to a multiple of 32 bytes.
    expect(Buffer.from(encrypt, 'base64').length % 32).toBe(0)
    expect(decryptPushMessage(safeMode.key, encrypt, APPID)).toEqual({ ok: true, message })
    expect(decryptPushMessage(safeMode.key, encrypt, 'wxffffffffffffffff')).toEqual({ ok: false, why: 'wrong-appid' })
    // A plaintext that is already a multiple of 32 bytes still gets a whole block of padding.
    const exact = 'x'.repeat(64 - 16 - 4 - APPID.length)
    expect(Buffer.from(encryptPushMessage(safeMode.key, exact, APPID), 'base64')).toHaveLength(96)
    expect(decryptPushMessage(safeMode.key, encryptPushMessage(safeMode.key, exact, APPID), APPID)).toEqual({ ok: true, message: exact })
  })

  test('malformed ciphertexts are named, never thrown', () => {
    const header = (length: number) => Buffer.concat([randomBytes(16), Buffer.from([length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255])])
    const cases: Array<[string, string]> = [
      ['', 'not-base64'],
      ['@@@@', 'not-base64'],
      ['QUJD', 'bad-length'], // 3 bytes
      [Buffer.alloc(48).toString('base64'), 'bad-padding'], // 48 bytes decrypt to noise
      [rawCiphertext(Buffer.concat([header(2), Buffer.from('{}'), Buffer.from(APPID), Buffer.alloc(24, 0)])), 'bad-padding'], // pad byte 0
      [rawCiphertext(Buffer.concat([header(2), Buffer.from('{}'), Buffer.from(APPID), Buffer.alloc(24, 33)])), 'bad-padding'], // pad byte > 32
      [rawCiphertext(Buffer.concat([header(9999), Buffer.from('{}'), Buffer.from(APPID), Buffer.alloc(24, 24)])), 'bad-message-length'],
      [rawCiphertext(Buffer.concat([randomBytes(8), Buffer.alloc(24, 24)])), 'bad-message-length'],
    ]
    for (const [encrypt, why] of cases) expect({ encrypt, result: decryptPushMessage(safeMode.key, encrypt, APPID) }).toEqual({ encrypt, result: { ok: false, why } })
  })
})

describe('WeChat message push in safe mode (encrypted body, msg_signature)', () => {
  test('WX-DATA-4: a valid encrypted revocation deletes the nickname and answers "success"', async () => {
    const user = await userWithNickname()
    const { query, body } = sealed(event(user.openid, 'user_authorization_revoke', '19'))
    const response = await push(query, body)
    expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body: 'success' })
    expect(await user.nickname()).toBeNull()
  })

  test('WX-DATA-4: a captured encrypted push replayed as is is refused (nonce) and does nothing the second time', async () => {
    const user = await userWithNickname()
    const captured = sealed(event(user.openid, 'user_info_modified'))
    expect((await push(captured.query, captured.body)).statusCode).toBe(200)
    expect(await user.nickname()).toBeNull()
    await call(ctx.app, 'PUT', '/api/me/profile', { token: user.token, json: { nickname: '又改了' } })
    const replay = await push(captured.query, captured.body)
    expect(expectError(replay, 401, 'UNAUTHORIZED').error.message).toContain('replay')
    expect(await user.nickname()).toBe('又改了')
  })

  test('WX-DATA-4: a validly signed encrypted push with an old timestamp is refused', async () => {
    const user = await userWithNickname()
    const windowSeconds = PUSH_TIMESTAMP_WINDOW_MS / 1000
    for (const timestamp of ['1483228800', String(Number(nowSeconds()) - windowSeconds - 1)]) {
      const { query, body } = sealed(event(user.openid, 'user_authorization_cancellation'), { timestamp })
      expect(expectError(await push(query, body), 401, 'UNAUTHORIZED').error.message).toContain('window')
    }
    expect(await user.nickname()).toBe('安全模式')
  })

  test('WX-DATA-4: another body under a captured valid msg_signature is refused (the signature covers the body)', async () => {
    const victim = await userWithNickname()
    const captured = sealed(event('o-someone-else', 'user_info_modified'))
    const swapped = encryptPushMessage(safeMode.key, JSON.stringify(event(victim.openid, 'user_authorization_cancellation')), APPID)
    expectError(await push(captured.query, { ...captured.body, Encrypt: swapped }), 401, 'UNAUTHORIZED')
    // Nor does the plain `signature` that came with it vouch for a plaintext body.
    expectError(await push(captured.query.replace('&encrypt_type=aes', ''), event(victim.openid, 'user_authorization_cancellation')), 401, 'UNAUTHORIZED')
    expect(await victim.nickname()).toBe('安全模式')
  })

  test('WX-DATA-4: a message encrypted with our key for another appid is refused', async () => {
    const user = await userWithNickname()
    const { query, body } = sealed(event(user.openid, 'user_authorization_cancellation'), { appId: 'wxffffffffffffffff' })
    expect(expectError(await push(query, body), 401, 'UNAUTHORIZED').error.message).toContain('appid')
    expect(await user.nickname()).toBe('安全模式')
  })

  test('WX-DATA-4: plaintext pushes are refused in safe mode, even correctly signed', async () => {
    const user = await userWithNickname()
    const timestamp = nowSeconds()
    const nonce = newNonce()
    const query = `signature=${pushSignature(PUSH_TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`
    expect(expectError(await push(query, event(user.openid, 'user_authorization_cancellation')), 401, 'UNAUTHORIZED').error.message).toContain('safe mode')
    expect(await user.nickname()).toBe('安全模式')
  })

  test('bad base64, wrong length, bad padding, a lying length, a non-string Encrypt or non-JSON content → 4xx, never 5xx', async () => {
    const header = Buffer.concat([randomBytes(16), Buffer.from([0, 0, 0, 2])])
    const bodies: unknown[] = [
      '%%%not base64%%%',
      '',
      'QUJD',
      Buffer.alloc(40).toString('base64'),
      Buffer.alloc(64).toString('base64'),
      rawCiphertext(Buffer.concat([header, Buffer.from('{}'), Buffer.from(APPID), Buffer.alloc(24, 0)])),
      rawCiphertext(Buffer.concat([randomBytes(16), Buffer.from([255, 255, 255, 255]), Buffer.alloc(12, 12)])),
      encryptPushMessage(safeMode.key, 'not json', APPID),
      'x'.repeat(20_000),
    ]
    for (const encrypt of bodies) {
      const { query, body } = sealed(null, { encrypt: String(encrypt) })
      const response = await push(query, body)
      expect({ encrypt: String(encrypt).slice(0, 40), status: response.statusCode }).toEqual({ encrypt: String(encrypt).slice(0, 40), status: 400 })
    }
    for (const encrypt of [42, null, ['a'], { a: 1 }]) {
      const timestamp = nowSeconds()
      const nonce = newNonce()
      const query = `timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${'0'.repeat(40)}`
      const response = await push(query, { Encrypt: encrypt })
      expect({ encrypt, status: response.statusCode }).toEqual({ encrypt, status: 400 })
    }
  })

  test('the URL check (GET) is signed as in plaintext mode and still answers', async () => {
    const timestamp = nowSeconds()
    const nonce = newNonce()
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/wechat/push?signature=${pushSignature(PUSH_TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&echostr=4375120948345356249`,
    })
    expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body: '4375120948345356249' })
  })
})

test('compatible mode (development only) accepts both an encrypted and a signed plaintext push', async () => {
  // A second app over the file's database: a second database would cost seconds of CPU for nothing.
  const compatible = await appOver(ctx.db, { pushToken: PUSH_TOKEN, pushSafeMode: { ...safeMode, acceptPlain: true }, now: clock.now })
  try {
    const encrypted = sealed(event('o-nobody', 'user_info_modified'))
    expect((await push(encrypted.query, encrypted.body, compatible)).body).toBe('success')
    const timestamp = nowSeconds()
    const nonce = newNonce()
    const plain = `signature=${pushSignature(PUSH_TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`
    expect((await push(plain, event('o-nobody', 'user_info_modified'), compatible)).body).toBe('success')
  } finally {
    await compatible.close()
  }
})
