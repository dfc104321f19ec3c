import path from 'node:path'
import { DEFAULT_PGLITE_DIR, loadConfig } from '../src/config'
import { DEFAULT_LIMITS } from '../src/limits/rate-limits'
import { DEVELOPMENT_PHONE_KEY } from '../src/phones/phone-cipher'
import { SANDBOX_TEMPLATES } from '../src/subscriptions/templates'
import { generatePayKeys, wechatPayEnv } from './support/wechatpay-stub'

const payEnv = wechatPayEnv(generatePayKeys())

test('defaults: port 3030 on 127.0.0.1, PGlite under server/.data, no H5, info logs', () => {
  expect(loadConfig({}, '/srv')).toEqual({
    port: 3030,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: DEFAULT_PGLITE_DIR },
    serveH5Dir: null,
    logLevel: 'info',
    production: false,
    wechat: null,
    pushToken: null,
    pushSafeMode: null,
    phoneKey: { key: DEVELOPMENT_PHONE_KEY, source: 'development-default' },
    subscribeTemplates: [...SANDBOX_TEMPLATES],
    seedDemoData: false,
    payments: { kind: 'sandbox' },
    orders: { payWindowMs: 15 * 60_000, maxUnpaidOrders: 3, maxUnpaidUnits: 60 },
    rateLimits: DEFAULT_LIMITS,
    trustProxy: false,
    shutdown: { delayMs: 0, drainTimeoutMs: 10_000 },
  })
  expect(DEFAULT_PGLITE_DIR.endsWith(path.join('server', '.data', 'pglite'))).toBe(true)
})

test('ORDER_PAY_MINUTES and MAX_UNPAID_ORDERS set the unpaid-order window and cap; bad values are refused', () => {
  expect(loadConfig({ ORDER_PAY_MINUTES: '30', MAX_UNPAID_ORDERS: '5', MAX_UNPAID_UNITS: '120' }).orders).toEqual({
    payWindowMs: 30 * 60_000,
    maxUnpaidOrders: 5,
    maxUnpaidUnits: 120,
  })
  expect(() => loadConfig({ MAX_UNPAID_UNITS: '0' })).toThrow('MAX_UNPAID_UNITS must be a whole number from 1 to 100000')
  expect(() => loadConfig({ ORDER_PAY_MINUTES: '0' })).toThrow('ORDER_PAY_MINUTES must be a whole number from 1 to 1440')
  expect(() => loadConfig({ MAX_UNPAID_ORDERS: '2.5' })).toThrow('MAX_UNPAID_ORDERS')
})

test('RATE_LIMIT_<NAME>=count/window overrides one limit; malformed values are refused by name', () => {
  const limits = loadConfig({ RATE_LIMIT_LOGIN_PER_IP: '30/5m', RATE_LIMIT_PHONE_WECHAT_PER_USER: '3/1d' }).rateLimits
  expect(limits.LOGIN_PER_IP).toEqual({ max: 30, windowMs: 5 * 60_000 })
  expect(limits.PHONE_WECHAT_PER_USER).toEqual({ max: 3, windowMs: 24 * 60 * 60_000 })
  expect(limits.ORDERS_PER_USER).toEqual(DEFAULT_LIMITS.ORDERS_PER_USER)
  for (const bad of ['30', '0/1m', '5/1w', 'x/1m', '5/0s']) {
    expect(() => loadConfig({ RATE_LIMIT_ORDERS_PER_USER: bad })).toThrow('RATE_LIMIT_ORDERS_PER_USER must look like')
  }
  expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8')
})

test('DATABASE_URL selects PostgreSQL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/shop' })
  expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5433/shop' })
})

test('PGLITE_DIR accepts memory:// and resolves relative paths from the cwd', () => {
  expect(loadConfig({ PGLITE_DIR: 'memory://' }).database).toEqual({ kind: 'pglite', dataDir: 'memory://' })
  expect(loadConfig({ PGLITE_DIR: 'data/db' }, '/srv').database).toEqual({ kind: 'pglite', dataDir: '/srv/data/db' })
})

test('PORT, HOST, SERVE_H5_DIR and LOG_LEVEL are read', () => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SERVE_H5_DIR: 'dist-h5', LOG_LEVEL: 'WARN' }, '/repo')
  expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', serveH5Dir: '/repo/dist-h5', logLevel: 'warn' })
})

test('empty values fall back to defaults', () => {
  expect(loadConfig({ PORT: '', DATABASE_URL: ' ', SERVE_H5_DIR: '' })).toMatchObject({
    port: 3030,
    database: { kind: 'pglite' },
    serveH5Dir: null,
  })
})

test('SHUTDOWN_DELAY_SECONDS and SHUTDOWN_TIMEOUT_SECONDS set the drain', () => {
  expect(loadConfig({ SHUTDOWN_DELAY_SECONDS: '5', SHUTDOWN_TIMEOUT_SECONDS: '30' }).shutdown).toEqual({ delayMs: 5000, drainTimeoutMs: 30_000 })
  expect(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '0' })).toThrow('SHUTDOWN_TIMEOUT_SECONDS must be a whole number from 1 to 600')
})

test('bad values fail with a message naming the variable', () => {
  expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT must be an integer from 0 to 65535')
  expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT')
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must start with postgres://')
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of')
})

describe('WeChat settings', () => {
  const credentials = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's3cret' }

  test('no credentials: the sandbox (null) outside production', () => {
    expect(loadConfig({}).wechat).toBeNull()
    expect(loadConfig({ NODE_ENV: 'development' }).wechat).toBeNull()
  })

  test('credentials select the real API; WECHAT_API_BASE overrides its address', () => {
    expect(loadConfig(credentials).wechat).toEqual({ appId: 'wx0123456789abcdef', secret: 's3cret', apiBase: 'https://api.weixin.qq.com' })
    expect(loadConfig({ ...credentials, WECHAT_API_BASE: 'http://127.0.0.1:9999' }).wechat?.apiBase).toBe('http://127.0.0.1:9999')
  })

  test('production refuses the sandbox; half-set or malformed credentials are errors', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('WECHAT_APPID and WECHAT_SECRET are required when NODE_ENV=production')
    const key = Buffer.alloc(32, 7).toString('base64')
    expect(loadConfig({ ...credentials, ...payEnv, NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: key }).production).toBe(true)
    expect(() => loadConfig({ WECHAT_APPID: 'wx0123456789abcdef' })).toThrow('Set both WECHAT_APPID and WECHAT_SECRET')
    expect(() => loadConfig({ ...credentials, WECHAT_APPID: 'touristappid' })).toThrow('WECHAT_APPID must look like')
    expect(() => loadConfig({ ...credentials, WECHAT_API_BASE: 'ftp://x' })).toThrow('WECHAT_API_BASE must be an http(s) URL')
  })

  test('WECHAT_PUSH_TOKEN is read as is', () => {
    expect(loadConfig({ WECHAT_PUSH_TOKEN: 'pushToken123' }).pushToken).toBe('pushToken123')
  })

  test('WECHAT_PUSH_AES_KEY turns on safe mode: 43 characters, with the push token and the appid; production refuses plaintext', () => {
    const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
    const push = { ...credentials, WECHAT_PUSH_TOKEN: 't', WECHAT_PUSH_AES_KEY: aesKey }
    const safe = loadConfig(push).pushSafeMode
    expect(safe).toEqual({ key: Buffer.from(`${aesKey}=`, 'base64'), appId: credentials.WECHAT_APPID, acceptPlain: false })
    expect(safe?.key).toHaveLength(32)
    expect(loadConfig({ ...push, WECHAT_PUSH_MODE: 'compatible' }).pushSafeMode?.acceptPlain).toBe(true)
    expect(() => loadConfig({ ...push, WECHAT_PUSH_MODE: 'compatible', NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), ...payEnv })).toThrow(
      'WECHAT_PUSH_MODE=compatible is refused when NODE_ENV=production',
    )
    expect(loadConfig({ ...push, NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), ...payEnv }).pushSafeMode?.acceptPlain).toBe(false)
    expect(() => loadConfig({ ...push, WECHAT_PUSH_AES_KEY: aesKey.slice(1) })).toThrow('43-character EncodingAESKey')
    expect(() => loadConfig({ ...push, WECHAT_PUSH_AES_KEY: `${aesKey.slice(1)}+` })).toThrow('43-character EncodingAESKey')
    expect(() => loadConfig({ ...push, WECHAT_PUSH_TOKEN: '' })).toThrow('needs WECHAT_PUSH_TOKEN')
    expect(() => loadConfig({ WECHAT_PUSH_TOKEN: 't', WECHAT_PUSH_AES_KEY: aesKey })).toThrow('needs WECHAT_APPID')
    expect(() => loadConfig({ ...push, WECHAT_PUSH_MODE: 'plain' })).toThrow('WECHAT_PUSH_MODE=plain with WECHAT_PUSH_AES_KEY')
    expect(() => loadConfig({ WECHAT_PUSH_MODE: 'safe' })).toThrow('needs WECHAT_PUSH_AES_KEY')
    expect(() => loadConfig({ WECHAT_PUSH_MODE: 'secure' })).toThrow('WECHAT_PUSH_MODE must be one of plain, compatible, safe')
    expect(loadConfig({ WECHAT_PUSH_MODE: 'plain' }).pushSafeMode).toBeNull()
  })
})

describe('phone encryption key', () => {
  const production = { NODE_ENV: 'production', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's' }

  test('WX-DATA-3: production refuses to start without PHONE_ENCRYPTION_KEY; elsewhere a public development key is used', () => {
    expect(() => loadConfig(production)).toThrow('PHONE_ENCRYPTION_KEY is required when NODE_ENV=production')
    expect(loadConfig({}).phoneKey.source).toBe('development-default')
  })

  test('a 32-byte base64 key is used as is; other lengths and encodings are refused', () => {
    const key = Buffer.alloc(32, 1)
    expect(loadConfig({ ...production, ...payEnv, PHONE_ENCRYPTION_KEY: key.toString('base64') }).phoneKey).toEqual({ key, source: 'env' })
    for (const bad of [Buffer.alloc(16).toString('base64'), 'not base64!!', Buffer.alloc(33).toString('base64')]) {
      expect(() => loadConfig({ PHONE_ENCRYPTION_KEY: bad })).toThrow('PHONE_ENCRYPTION_KEY must be 32 bytes in base64')
    }
  })
})

describe('subscribe templates', () => {
  test('"id:title,id:title" is read in order; unset means the sandbox templates, or none with real credentials', () => {
    expect(loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: 'AbC-123_x:订单发货通知, Z9:取货提醒' }).subscribeTemplates).toEqual([
      { id: 'AbC-123_x', title: '订单发货通知', fits: 'any' },
      { id: 'Z9', title: '取货提醒', fits: 'any' },
    ])
    expect(loadConfig({ WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 's' }).subscribeTemplates).toEqual([])
  })

  test('WX-SUB-1: more than 3 templates, duplicates, missing titles and bad ids are refused', () => {
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: 'a:1,b:2,c:3,d:4' })).toThrow('at most 3 templates')
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: 'a:1,a:2' })).toThrow('appears twice')
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: 'a' })).toThrow('needs a title')
    expect(() => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: 'bad id!:x' })).toThrow('is not a template id')
  })
})

test('SEED_DEMO_DATA turns the demo catalog on only when asked; a typo is an error, not a silent "no"', () => {
  expect(loadConfig({ SEED_DEMO_DATA: '1' }).seedDemoData).toBe(true)
  expect(loadConfig({ SEED_DEMO_DATA: 'TRUE' }).seedDemoData).toBe(true)
  expect(loadConfig({ SEED_DEMO_DATA: '0' }).seedDemoData).toBe(false)
  expect(loadConfig({ SEED_DEMO_DATA: '' }).seedDemoData).toBe(false)
  expect(() => loadConfig({ SEED_DEMO_DATA: 'yes please' })).toThrow('SEED_DEMO_DATA must be 1 or 0 (true or false), got "yes please"')
})
