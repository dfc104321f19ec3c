import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildTestApp } from './support/catalog-app'
import { loadConfig } from '../src/config'
import { migrate } from '../src/db/migrate'
import { paymentGatewayFor } from '../src/payments/payment-config'
import { WeChatPayGateway } from '../src/payments/wechatpay-gateway'
import { WECHATPAY_NOTIFY_PATH } from '../src/routes/payments'
import { WeChatHttpApi } from '../src/wechat/http-api'
import { pgliteTarget } from './support/describe-with-app'
import { generatePayKeys, wechatPayEnv } from './support/wechatpay-stub'

const keys = generatePayKeys()
const payEnv = wechatPayEnv(keys)
const credentials = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret' }
const production = { ...credentials, NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') }

describe('payment settings', () => {
  test('WX-PAY-1: the server refuses to start in production without WeChat Pay (the sandbox payment never runs there)', () => {
    expect(() => loadConfig(production)).toThrow('NODE_ENV=production needs WeChat Pay')
    expect(loadConfig({ ...production, ...payEnv }).payments.kind).toBe('wechatpay')
  })

  test('WX-PAY-1: the sandbox payment exists only with the WeChat sandbox; real credentials without a merchant have none', () => {
    expect(loadConfig({}).payments).toEqual({ kind: 'sandbox' })
    expect(loadConfig(credentials).payments).toEqual({ kind: 'none' })
    expect(() => loadConfig(payEnv)).toThrow('WeChat Pay needs the mini program credentials')
  })

  test('half-set or malformed WeChat Pay settings are clear errors; key files are read from paths', () => {
    const { WECHATPAY_NOTIFY_URL: _omitted, ...withoutUrl } = payEnv
    expect(() => loadConfig({ ...credentials, ...withoutUrl })).toThrow('missing: WECHATPAY_NOTIFY_URL')
    expect(() => loadConfig({ ...credentials, ...payEnv, WECHATPAY_NOTIFY_URL: 'http://shop/notify' })).toThrow('must be an https URL')
    expect(() => loadConfig({ ...credentials, ...payEnv, WECHATPAY_APIV3_KEY: 'short' })).toThrow('32-character APIv3 key')
    expect(() => loadConfig({ ...credentials, ...payEnv, WECHATPAY_MCHID: 'abc' })).toThrow('WECHATPAY_MCHID')
    expect(() => loadConfig({ ...credentials, ...payEnv, WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope' })).toThrow('not a PEM private key')
    const dir = mkdtempSync(path.join(tmpdir(), 'wechatpay-'))
    try {
      writeFileSync(path.join(dir, 'apiclient_key.pem'), payEnv.WECHATPAY_PRIVATE_KEY ?? '')
      writeFileSync(path.join(dir, 'pub_key.pem'), payEnv.WECHATPAY_PLATFORM_KEY ?? '')
      const fromFiles = { ...payEnv, WECHATPAY_PRIVATE_KEY: path.join(dir, 'apiclient_key.pem'), WECHATPAY_PLATFORM_KEY: path.join(dir, 'pub_key.pem') }
      expect(loadConfig({ ...credentials, ...fromFiles }).payments.kind).toBe('wechatpay')
      expect(() => loadConfig({ ...credentials, ...fromFiles, WECHATPAY_PLATFORM_KEY: path.join(dir, 'missing.pem') })).toThrow('cannot read the PEM file')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('WX-PAY-1: a production configuration has no route by which a client marks an order paid', async () => {
    const config = loadConfig({ ...production, ...payEnv })
    const { db, dispose } = await pgliteTarget().open()
    await migrate(db)
    const payments = paymentGatewayFor(config.payments)
    expect(payments).toBeInstanceOf(WeChatPayGateway)
    const app = await buildTestApp({
      db,
      wechat: new WeChatHttpApi({ appId: credentials.WECHAT_APPID, secret: credentials.WECHAT_SECRET, baseUrl: 'http://127.0.0.1:9' }),
      devRoutes: !config.production,
      payments,
    })
    try {
      const has = (url: string) => app.hasRoute({ method: 'POST', url })
      expect([has('/api/orders/:id/payment'), has(WECHATPAY_NOTIFY_PATH)]).toEqual([true, true])
      expect([has('/api/orders/:id/pay'), has('/api/orders/:id/advance')]).toEqual([false, false])
      // The check above can fail: the sandbox configuration has both routes.
      const sandbox = await buildTestApp({ db, devRoutes: true })
      expect([sandbox.hasRoute({ method: 'POST', url: '/api/orders/:id/pay' }), sandbox.hasRoute({ method: 'POST', url: '/api/orders/:id/advance' })]).toEqual([true, true])
      await sandbox.close()
      // Without WeChat Pay's signature the notification endpoint marks nothing.
      const forged = await app.inject({ method: 'POST', url: WECHATPAY_NOTIFY_PATH, payload: { resource: {} } })
      expect(forged.statusCode).toBe(401)
    } finally {
      await app.close()
      await dispose()
    }
  })
})
