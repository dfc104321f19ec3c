import { REFRESH_EARLY_MS } from '../src/wechat/access-token'
import { WeChatError } from '../src/wechat/api'
import { WeChatHttpApi } from '../src/wechat/http-api'
import { WeChatStub, type StubRequest } from './support/wechat-stub'

const APPID = 'wx0123456789abcdef'
const SECRET = 'secret-never-logged-0123456789ab'

let stub: WeChatStub
let baseUrl: string
let clock: number
beforeEach(async () => {
  stub = new WeChatStub()
  baseUrl = await stub.start()
  clock = Date.UTC(2026, 10, 21, 10, 0, 0)
})
afterEach(async () => {
  await stub.stop()
})

// A loopback answer can take seconds on a busy machine: only the timeout test sets a short limit.
const client = (timeoutMs = 30_000) => new WeChatHttpApi({ appId: APPID, secret: SECRET, baseUrl, timeoutMs, now: () => clock })

/** stable_token answers tokens T1, T2, … (one per call) unless `sameToken` keeps handing out T1 in normal mode. */
function serveTokens(options: { sameToken?: boolean; delayMs?: number } = {}): void {
  let issued = 0
  stub.on('/cgi-bin/stable_token', async (request) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
    if (!(options.sameToken && request.body?.force_refresh === false && issued > 0)) issued += 1
    return { access_token: `T${issued}`, expires_in: 7200 }
  })
}

const phoneAnswer = { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: 86, watermark: { timestamp: 1, appid: APPID } } }

async function errcodeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(WeChatError)
    const message = (error as WeChatError).message
    // Errors go to logs: never the secret, the code or a token.
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain('the-code')
    expect(message).not.toMatch(/T\d/)
    return (error as WeChatError).errcode
  }
  throw new Error('expected a WeChatError')
}

describe('code2Session', () => {
  test('WX-LOGIN-3: GET sns/jscode2session with appid, secret, js_code and grant_type', async () => {
    stub.on('/sns/jscode2session', () => ({ openid: 'oOPENID', session_key: 'c2Vzc2lvbmtleQ==', unionid: 'oUNION' }))
    expect(await client().code2Session('the-code')).toEqual({ openid: 'oOPENID', unionid: 'oUNION', sessionKey: 'c2Vzc2lvbmtleQ==' })
    const [request] = stub.requests
    expect(request).toMatchObject({
      method: 'GET',
      query: { appid: APPID, secret: SECRET, js_code: 'the-code', grant_type: 'authorization_code' },
    })
  })

  test('unionid is absent when WeChat sends none', async () => {
    stub.on('/sns/jscode2session', () => ({ openid: 'oOPENID', session_key: 'a2V5' }))
    expect(await client().code2Session('the-code')).toEqual({ openid: 'oOPENID', sessionKey: 'a2V5' })
  })

  test.each([40029, 45011, 40226, -1])('errcode %i becomes a WeChatError with that errcode', async (errcode) => {
    stub.on('/sns/jscode2session', () => ({ errcode, errmsg: 'invalid code, rid: 6437cc6f' }))
    expect(await errcodeOf(client().code2Session('the-code'))).toBe(errcode)
  })

  test('an answer without openid, an HTML error page, a timeout and a refused connection are -1', async () => {
    stub.on('/sns/jscode2session', () => ({ errcode: 0 }))
    expect(await errcodeOf(client().code2Session('the-code'))).toBe(-1)
    stub.on('/sns/jscode2session', () => ({ status: 502, raw: '<html>bad gateway</html>' }))
    expect(await errcodeOf(client().code2Session('the-code'))).toBe(-1)
    stub.on('/sns/jscode2session', () => ({ status: 200, raw: '{}', delayMs: 300 }))
    await expect(client(50).code2Session('the-code')).rejects.toThrow('jscode2session: timed out')
    await stub.stop()
    expect(await errcodeOf(client().code2Session('the-code'))).toBe(-1)
  })
})

describe('getPhoneNumber and the access token', () => {
  test('WX-PHONE-5: POSTs the code to wxa/business/getuserphonenumber with a stable access_token', async () => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', () => phoneAnswer)
    expect(await client().getPhoneNumber('phone-code')).toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    })
    const [tokenRequest, phoneRequest] = stub.requests
    expect(tokenRequest).toMatchObject({
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: false },
    })
    expect(phoneRequest).toMatchObject({ method: 'POST', query: { access_token: 'T1' }, body: { code: 'phone-code' } })
  })

  test('1400001 (quota used up) is passed on as is', async () => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', () => ({ errcode: 1400001, errmsg: 'quota limit' }))
    expect(await errcodeOf(client().getPhoneNumber('phone-code'))).toBe(1400001)
  })

  test('a watermark for another appid is rejected', async () => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', () => ({ ...phoneAnswer, phone_info: { ...phoneAnswer.phone_info, watermark: { appid: 'wxother' } } }))
    expect(await errcodeOf(client().getPhoneNumber('phone-code'))).toBe(-1)
  })

  test('the token is cached until 5 minutes before it expires, then refreshed', async () => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', () => phoneAnswer)
    const api = client()
    await api.getPhoneNumber('a')
    clock += 7200_000 - REFRESH_EARLY_MS - 1
    await api.getPhoneNumber('b')
    expect(stub.requestsTo('/cgi-bin/stable_token')).toHaveLength(1)
    clock += 1
    await api.getPhoneNumber('c')
    expect(stub.requestsTo('/cgi-bin/stable_token')).toHaveLength(2)
    expect(stub.requestsTo('/wxa/business/getuserphonenumber').map((request) => request.query.access_token)).toEqual(['T1', 'T1', 'T2'])
  })

  test('concurrent calls share one token refresh', async () => {
    serveTokens({ delayMs: 50 })
    stub.on('/wxa/business/getuserphonenumber', () => phoneAnswer)
    const api = client()
    await Promise.all(Array.from({ length: 8 }, (_, index) => api.getPhoneNumber(`code-${index}`)))
    expect(stub.requestsTo('/cgi-bin/stable_token')).toHaveLength(1)
  })

  test.each([40001, 42001])('errcode %i: the token is replaced once and the call retried', async (errcode) => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', (request: StubRequest) =>
      request.query.access_token === 'T1' ? { errcode, errmsg: 'access_token invalid' } : phoneAnswer,
    )
    expect((await client().getPhoneNumber('phone-code')).purePhoneNumber).toBe('13800138000')
    expect(stub.requestsTo('/cgi-bin/stable_token').map((request) => request.body?.force_refresh)).toEqual([false, false])
    expect(stub.requestsTo('/wxa/business/getuserphonenumber').map((request) => request.query.access_token)).toEqual(['T1', 'T2'])
  })

  test('when normal mode hands back the rejected token, a forced refresh gets a new one', async () => {
    serveTokens({ sameToken: true })
    stub.on('/wxa/business/getuserphonenumber', (request: StubRequest) =>
      request.query.access_token === 'T1' ? { errcode: 40001, errmsg: 'invalid credential' } : phoneAnswer,
    )
    await client().getPhoneNumber('phone-code')
    expect(stub.requestsTo('/cgi-bin/stable_token').map((request) => request.body?.force_refresh)).toEqual([false, false, true])
  })

  test('a token rejected again after the refresh fails the call without looping', async () => {
    serveTokens()
    stub.on('/wxa/business/getuserphonenumber', () => ({ errcode: 40001, errmsg: 'invalid credential' }))
    expect(await errcodeOf(client().getPhoneNumber('phone-code'))).toBe(40001)
    expect(stub.requestsTo('/wxa/business/getuserphonenumber')).toHaveLength(2)
  })

  test('a failing token endpoint fails the call with its errcode', async () => {
    stub.on('/cgi-bin/stable_token', () => ({ errcode: 40125, errmsg: 'invalid appsecret' }))
    expect(await errcodeOf(client().getPhoneNumber('phone-code'))).toBe(40125)
  })
})

describe('sendSubscribeMessage', () => {
  const message = { openid: 'oOPENID', templateId: 'tmpl-1', page: 'pages/index/index', data: { phrase1: { value: '已发货' } } }

  test('WX-SUB-3: POSTs touser, template_id, page and data to cgi-bin/message/subscribe/send', async () => {
    serveTokens()
    stub.on('/cgi-bin/message/subscribe/send', () => ({ errcode: 0, errmsg: 'ok', msgid: 1 }))
    await client().sendSubscribeMessage(message)
    expect(stub.requestsTo('/cgi-bin/message/subscribe/send')[0]).toMatchObject({
      query: { access_token: 'T1' },
      body: { touser: 'oOPENID', template_id: 'tmpl-1', page: 'pages/index/index', data: { phrase1: { value: '已发货' } }, lang: 'zh_CN' },
    })
  })

  test('WX-SUB-3: 43101 (user not subscribed) is passed on as is', async () => {
    serveTokens()
    stub.on('/cgi-bin/message/subscribe/send', () => ({ errcode: 43101, errmsg: 'user refuse to accept the msg' }))
    expect(await errcodeOf(client().sendSubscribeMessage(message))).toBe(43101)
  })
})
