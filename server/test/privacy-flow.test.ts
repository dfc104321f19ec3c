import { Writable } from 'node:stream'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { OrderSchema } from '../src/contract'
import { pushSignature } from '../src/wechat/push-signature'
import { sandboxOpenid, sandboxSessionKey } from '../src/wechat/sandbox'
import { bearer, IMAGES, multipart, newLoginCode } from './support/accounts'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyOf } from './support/http'
import { deliveryRequest, orderRequest } from './support/orders'
import { databaseTargets } from './support/test-databases'

/**
 * One user's whole journey through every endpoint — login, profile, avatar, phone (WeChat and
 * typed), outlets and location, checkout, payment, subscriptions, status changes, my data,
 * withdrawal, push events, errors on the way, logout and deletion — with every response and
 * every log line (at trace level) kept for the checks below.
 */
const pglite = databaseTargets()[0]
if (!pglite) throw new Error('PGlite target missing')

const PUSH_TOKEN = 'flowPushToken'
const code = newLoginCode()
const secondCode = newLoginCode()
const phoneCode = 'sandbox-phone-13712340000'
const wechatPhone = '13712340000'
const typedPhone = '13598765432'
const orderPhone = '15011112222'
const nickname = '隐私流程测试员'
const latitude = '31.218765'
const longitude = '121.443219'

const responses: { label: string; response: LightMyRequestResponse }[] = []
const logLines: string[] = []
const tokens: string[] = []
let ctx: CatalogApp

async function step(label: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await ctx.app.inject(options)
  responses.push({ label, response })
  return response
}

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'))
      done()
    },
  })
  ctx = await openCatalogApp(pglite, { logger: { level: 'trace', stream }, devRoutes: true, pushToken: PUSH_TOKEN })
  const login = await step('login', { method: 'POST', url: '/api/auth/login', payload: { code } })
  const token = (login.json() as { token: string }).token
  tokens.push(token)
  const auth = bearer(token)
  const json = (method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: unknown) =>
    step(`${method} ${url}`, { method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) })

  await step('login refused', { method: 'POST', url: '/api/auth/login', payload: { code: 'sandbox-busy' } })
  await json('GET', '/api/me')
  await json('PUT', '/api/me/profile', { nickname })
  const upload = multipart({ field: 'avatar', filename: 'me.png', contentType: 'image/png', bytes: IMAGES.png })
  const avatar = await step('avatar', { method: 'POST', url: '/api/me/avatar', payload: upload.payload, headers: { ...upload.headers, ...auth } })
  await step('avatar image', { method: 'GET', url: (avatar.json() as { avatarUrl: string }).avatarUrl })
  await json('POST', '/api/me/phone/wechat', { code: phoneCode })
  await json('POST', '/api/me/phone/wechat', { code: 'sandbox-phone-quota' })
  await json('PUT', '/api/me/phone', { phone: typedPhone })
  await json('PUT', '/api/me/phone', { phone: '1234' })
  await step('outlets', { method: 'GET', url: '/api/outlets' })
  await step('nearest', { method: 'GET', url: `/api/outlets/nearest?latitude=${latitude}&longitude=${longitude}` })
  await json('PUT', '/api/me/outlet', { outletId: 'sh-xujiahui' })
  await step('templates', { method: 'GET', url: '/api/subscribe/templates' })

  const delivery = deliveryRequest({ contact: { name: nickname, phone: orderPhone, usePhoneOnFile: false } })
  const placed = await json('POST', '/api/orders', delivery)
  await json('POST', '/api/orders', delivery)
  await json('POST', '/api/orders', deliveryRequest({ contact: { name: nickname, phone: '999', usePhoneOnFile: false } }))
  await json('POST', '/api/orders', orderRequest({ items: [{ skuId: 'p006-1', quantity: 1, unitPriceFen: 1 }] }))
  await json('POST', '/api/orders', deliveryRequest({ contact: { name: nickname, phone: null, usePhoneOnFile: true } }))
  await json('POST', '/api/orders', orderRequest())
  const orderId = bodyOf(placed, OrderSchema).id
  await json('POST', `/api/orders/${orderId}/subscriptions`, { results: { 'sandbox-order-shipped': 'accept', 'sandbox-pickup-ready': 'reject' } })
  await json('POST', `/api/orders/${orderId}/pay`)
  await json('POST', `/api/orders/${orderId}/advance`)
  await json('POST', `/api/orders/${orderId}/advance`)
  await json('GET', '/api/orders')
  await json('GET', `/api/orders/${orderId}`)
  await json('GET', '/api/me/data')
  await json('DELETE', '/api/me/profile')
  await json('DELETE', '/api/me/phone')

  // The server checks the timestamp against its clock (the system clock here).
  const timestamp = String(Math.floor(Date.now() / 1000))
  // Each push has its own nonce: a repeated one is refused as a replay.
  let pushes = 0
  const signedQuery = (): string => {
    pushes += 1
    return `signature=${pushSignature(PUSH_TOKEN, timestamp, `n${pushes}`)}&timestamp=${timestamp}&nonce=n${pushes}`
  }
  const pushEvent = (Event: string, extra: Record<string, string> = {}) =>
    step(`push ${Event}`, {
      method: 'POST',
      url: `/api/wechat/push?${signedQuery()}`,
      payload: { MsgType: 'event', Event, OpenID: sandboxOpenid(code), CreateTime: 1700000000, ...extra },
    })
  await step('push check', { method: 'GET', url: `/api/wechat/push?${signedQuery()}&echostr=echo123` })
  await pushEvent('user_authorization_revoke', { RevokeInfo: '6,8' })
  await pushEvent('something_else')

  await json('POST', '/api/auth/logout')
  const again = await step('login again', { method: 'POST', url: '/api/auth/login', payload: { code: secondCode } })
  const second = (again.json() as { token: string }).token
  tokens.push(second)
  await step('delete account', { method: 'DELETE', url: '/api/me', headers: bearer(second) })
  await step('after delete', { method: 'GET', url: '/api/me', headers: bearer(second) })
  await step('push cancellation', {
    method: 'POST',
    url: `/api/wechat/push?${signedQuery()}`,
    payload: { MsgType: 'event', Event: 'user_authorization_cancellation', OpenID: sandboxOpenid(code) },
  })
}, 120_000)

afterAll(async () => {
  await ctx.close()
})

test('the flow really went through the app (so the checks below are not vacuous)', () => {
  expect(responses.length).toBeGreaterThan(35)
  const statuses = new Set(responses.map(({ response }) => response.statusCode))
  for (const status of [200, 201, 204, 400, 401, 409, 429, 503]) expect(statuses).toContain(status)
  expect(logLines.length).toBeGreaterThan(responses.length)
})

test('WX-LOGIN-3: session_key never appears in any response body or header, nor does the openid', () => {
  const forbidden = [sandboxSessionKey(code), sandboxSessionKey(secondCode), sandboxOpenid(code), sandboxOpenid(secondCode), 'session_key', 'sessionKey', 'openid']
  for (const { label, response } of responses) {
    const seen = `${JSON.stringify(response.headers)}\n${response.body}`
    for (const value of forbidden) expect({ label, leaks: seen.includes(value) ? value : null }).toEqual({ label, leaks: null })
  }
})

test('WX-DATA-3: no openid, token, session_key, login or phone code, phone number, nickname or location in any log line', () => {
  const secrets = {
    openid: sandboxOpenid(code),
    secondOpenid: sandboxOpenid(secondCode),
    token: tokens[0] ?? 'missing',
    secondToken: tokens[1] ?? 'missing',
    sessionKey: sandboxSessionKey(code),
    code,
    secondCode,
    phoneCode,
    wechatPhone,
    typedPhone,
    orderPhone,
    nickname,
    latitude,
    longitude,
  }
  const text = logLines.join('')
  for (const [name, value] of Object.entries(secrets)) expect({ name, logged: text.includes(value) }).toEqual({ name, logged: false })
  // Also no masked phone: logs have no reason to carry one.
  expect(text).not.toMatch(/1[3-9]\d\*{4}\d{4}/)
})

test('WX-DATA-3: every response carries phones masked only', () => {
  for (const { label, response } of responses) {
    for (const phone of [wechatPhone, typedPhone, orderPhone]) {
      expect({ label, leaks: response.body.includes(phone) }).toEqual({ label, leaks: false })
    }
  }
})

test('a trace-level line that carried request headers shows the Authorization header redacted', () => {
  expect(logLines.some((line) => line.includes('"authorization":"[redacted]"'))).toBe(true)
})

test('failures on the way were logged usefully, by route and errcode', () => {
  const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>)
  expect(lines.some((line) => line.route === '/api/orders' && line.statusCode === 201)).toBe(true)
  expect(lines.some((line) => line.wechatErrcode === -1 && line.action === 'login')).toBe(true)
  expect(lines.some((line) => line.wechatErrcode === 1400001 && line.action === 'phone')).toBe(true)
  expect(lines.some((line) => line.msg === 'push handled' && line.action === 'revoke')).toBe(true)
})
