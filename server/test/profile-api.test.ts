import { RAW_TEXT_SLACK, TEXT_LIMITS, UserProfileSchema, type UserProfile } from '../src/contract'
import { call, IMAGES, login, multipart } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyOf, expectError } from './support/http'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

describe.each(databaseTargets())('profile and avatar on $name', (target) => {
  let ctx: CatalogApp
  beforeAll(async () => {
    ctx = await openCatalogApp(target)
  }, 60_000)
  afterAll(async () => {
    await ctx.close()
  })

  const setNickname = (token: string, nickname: unknown) => call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname } })

  const upload = (token: string, file: Parameters<typeof multipart>[0]) => {
    const { payload, headers } = multipart(file)
    return ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
  }
  const uploadImage = async (token: string, bytes: Buffer, contentType = 'image/png'): Promise<UserProfile> => {
    const response = await upload(token, { field: 'avatar', filename: 'a.png', contentType, bytes })
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 })
    return bodyOf(response, UserProfileSchema)
  }

  describe('nickname', () => {
    test('WX-PROFILE-2: the submitted nickname is stored trimmed and returned', async () => {
      const { token } = await login(ctx.app)
      const profile = bodyOf(await setNickname(token, '  小橙子 🍊  '), UserProfileSchema)
      expect(profile.nickname).toBe('小橙子 🍊')
      expect(bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).nickname).toBe('小橙子 🍊')
    })

    test('the shared nickname limit (contract/rules.ts) is accepted, an emoji counting once; one more is not', async () => {
      const { token } = await login(ctx.app)
      expect((await setNickname(token, '🍊'.repeat(TEXT_LIMITS.nickname))).statusCode).toBe(200)
      const error = expectError(await setNickname(token, '橙'.repeat(TEXT_LIMITS.nickname + 1)), 400, 'BAD_REQUEST')
      expect(error.error.message).toBe(`nickname must be 1 to ${TEXT_LIMITS.nickname} characters`)
    })

    test.each<[string, unknown, string]>([
      ['empty', '', 'nickname must be 1 to 32 characters'],
      ['only spaces', '   ', 'nickname must be 1 to 32 characters'],
      ['a line break', 'a\nb', 'nickname must not contain control characters or line breaks'],
      ['a NUL', 'a\u0000b', 'Text must not contain NUL bytes or unpaired surrogates'],
      ['a line separator', 'a\u2028b', 'nickname must not contain control characters or line breaks'],
      ['a number', 42, 'nickname must be a string'],
      ['null', null, 'nickname must be a string'],
      ['an oversized string', 'x'.repeat(5000), `nickname must be at most ${TEXT_LIMITS.nickname * RAW_TEXT_SLACK} characters`],
    ])('%s is refused with 400', async (_name, nickname, message) => {
      const { token } = await login(ctx.app)
      expect(expectError(await setNickname(token, nickname), 400, 'BAD_REQUEST').error.message).toBe(message)
    })

    test('a body without nickname or with extra fields is 400', async () => {
      const { token } = await login(ctx.app)
      expectError(await call(ctx.app, 'PUT', '/api/me/profile', { token, json: {} }), 400, 'BAD_REQUEST')
      expectError(await call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname: 'a', avatarUrl: 'x' } }), 400, 'BAD_REQUEST')
    })
  })

  describe('avatar', () => {
    test.each(['png', 'jpg', 'webp'] as const)('a %s upload is stored and served back to its URL', async (ext) => {
      const { token } = await login(ctx.app)
      // The declared type is ignored: the bytes decide.
      const profile = await uploadImage(token, IMAGES[ext], 'application/octet-stream')
      expect(profile.avatarUrl).toMatch(new RegExp(`^/api/avatars/[0-9a-f]{32}\\.${ext}$`))
      const image = await ctx.app.inject({ method: 'GET', url: profile.avatarUrl ?? '' })
      expect(image.statusCode).toBe(200)
      expect(image.rawPayload.equals(IMAGES[ext])).toBe(true)
      expect(image.headers['content-type']).toBe({ png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' }[ext])
      expect(image.headers['cache-control']).toBe('private, max-age=3600')
    })

    test('every upload gets a new URL; the previous one is gone', async () => {
      const { token } = await login(ctx.app)
      const first = (await uploadImage(token, IMAGES.png)).avatarUrl ?? ''
      const second = (await uploadImage(token, IMAGES.jpg)).avatarUrl ?? ''
      expect(second).not.toBe(first)
      expectError(await ctx.app.inject({ method: 'GET', url: first }), 404, 'NOT_FOUND')
      expect((await ctx.app.inject({ method: 'GET', url: second })).statusCode).toBe(200)
    })

    test('a file that is not PNG, JPEG or WebP is 415 with a clear message', async () => {
      const { token } = await login(ctx.app)
      for (const bytes of [IMAGES.gif, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.alloc(0)]) {
        const response = await upload(token, { field: 'avatar', filename: 'a.png', contentType: 'image/png', bytes })
        expect(expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE').error.message).toBe('仅支持 PNG、JPEG 或 WebP 图片')
      }
      expect(bodyOf(await call(ctx.app, 'GET', '/api/me', { token }), UserProfileSchema).avatarUrl).toBeNull()
    })

    test('a file over 512 KB is 413 with a clear message; exactly 512 KB is fine', async () => {
      const { token } = await login(ctx.app)
      const big = Buffer.concat([IMAGES.png, Buffer.alloc(512 * 1024 + 1 - IMAGES.png.length)])
      const response = await upload(token, { field: 'avatar', filename: 'big.png', contentType: 'image/png', bytes: big })
      expect(expectError(response, 413, 'PAYLOAD_TOO_LARGE').error.message).toBe('图片不能超过 512 KB，请换一张小一点的图片')
      await uploadImage(token, big.subarray(0, 512 * 1024))
    })

    test('no file, another field name, JSON instead of multipart, and no login are refused', async () => {
      const { token } = await login(ctx.app)
      expectError(await upload(token, null), 400, 'BAD_REQUEST')
      expectError(await upload(token, { field: 'photo', filename: 'a.png', contentType: 'image/png', bytes: IMAGES.png }), 400, 'BAD_REQUEST')
      expectError(await call(ctx.app, 'POST', '/api/me/avatar', { token, json: { avatar: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE')
      const { payload, headers } = multipart({ field: 'avatar', filename: 'a.png', contentType: 'image/png', bytes: IMAGES.png })
      expectError(await ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload, headers }), 401, 'UNAUTHORIZED')
    })

    test('avatar URLs with a malformed key or extension are 400, unknown keys 404', async () => {
      expectError(await ctx.app.inject({ method: 'GET', url: '/api/avatars/abc.png' }), 400, 'BAD_REQUEST')
      expectError(await ctx.app.inject({ method: 'GET', url: `/api/avatars/${'a'.repeat(32)}.gif` }), 400, 'BAD_REQUEST')
      expectError(await ctx.app.inject({ method: 'GET', url: `/api/avatars/${'a'.repeat(32)}.png` }), 404, 'NOT_FOUND')
    })
  })

  test('WX-PROFILE-3: withdrawing clears nickname and avatar on the server; the avatar URL stops working', async () => {
    const { token } = await login(ctx.app)
    await setNickname(token, '小橙子')
    const avatarUrl = (await uploadImage(token, IMAGES.png)).avatarUrl ?? ''
    const response = await call(ctx.app, 'DELETE', '/api/me/profile', { token })
    expect(bodyOf(response, UserProfileSchema)).toMatchObject({ nickname: null, avatarUrl: null })
    expectError(await ctx.app.inject({ method: 'GET', url: avatarUrl }), 404, 'NOT_FOUND')
    const [row] = await ctx.db.query<{ nickname: string | null }>('select nickname from users where id = $1', [
      bodyOf(response, UserProfileSchema).id,
    ])
    expect(row?.nickname).toBeNull()
  })

  test("WX-PROFILE-4: one user's nickname and avatar never appear in another user's responses", async () => {
    const alice = await login(ctx.app)
    await setNickname(alice.token, 'Alice-小橙')
    const aliceAvatar = (await uploadImage(alice.token, IMAGES.png)).avatarUrl ?? ''
    const bob = await login(ctx.app)
    for (const url of ['/api/me', '/api/me/data']) {
      const body = (await call(ctx.app, 'GET', url, { token: bob.token })).body
      expect(body).not.toContain('Alice-小橙')
      expect(body).not.toContain(aliceAvatar)
      expect(body).not.toContain(alice.user.id)
    }
    // The avatar key is 128 random bits: not derivable from the user id.
    expect(aliceAvatar).not.toContain(alice.user.id)
  })
})
