import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  AUTH_SCHEMA,
  encryptResource,
  newNonce,
  rsaSign,
  rsaVerify,
} from '../../src/payments/wechatpay-crypto'
import type { WeChatPaySettings } from '../../src/payments/wechatpay-gateway'

export const TEST_APPID = 'wx0123456789abcdef'
export const TEST_MCHID = '1900000109'
export const PLATFORM_SERIAL = 'PUB_KEY_ID_0114232134912410000000000000'

const rsaPair = (): { publicKey: KeyObject; privateKey: KeyObject } => generateKeyPairSync('rsa', { modulusLength: 2048 })

/** Fresh keys for one test file: the merchant's pair, WeChat Pay's platform pair, the APIv3 key. */
export function generatePayKeys() {
  return { merchant: rsaPair(), platform: rsaPair(), apiV3Key: Buffer.from(randomBytes(16).toString('hex'), 'utf8') }
}
export type PayKeys = ReturnType<typeof generatePayKeys>

export function paySettings(keys: PayKeys, apiBase: string): WeChatPaySettings {
  return {
    appId: TEST_APPID,
    mchId: TEST_MCHID,
    merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000000',
    merchantPrivateKey: keys.merchant.privateKey,
    apiV3Key: keys.apiV3Key,
    platform: { serial: PLATFORM_SERIAL, publicKey: keys.platform.publicKey },
    notifyUrl: 'https://shop.example.com/api/wechatpay/notify',
    apiBase,
  }
}

/** Parses `WECHATPAY2-SHA256-RSA2048 k="v",…`. */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null
  const fields: Record<string, string> = {}
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[match[1] as string] = match[2] as string
  return fields
}

export interface PrepayCall {
  authorizationValid: boolean
  body: Record<string, unknown>
}

/**
 * A local WeChat Pay (127.0.0.1, random port): it checks the merchant's Authorization signature
 * like the real API (401 SIGN_ERROR otherwise), answers the JSAPI prepay order with a prepay_id,
 * and signs every answer with the platform key. `signWith` lets a test forge the answer's signature.
 */
export class WeChatPayStub {
  readonly prepays: PrepayCall[] = []
  signWith: KeyObject
  private server: Server | null = null

  constructor(
    private readonly keys: PayKeys,
    private readonly nowSeconds: () => number,
  ) {
    this.signWith = keys.platform.privateKey
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const auth = parseAuthorization(req.headers.authorization)
        const valid =
          auth !== null &&
          auth.mchid === TEST_MCHID &&
          rsaVerify(this.keys.merchant.publicKey, [req.method ?? '', req.url ?? '', auth.timestamp ?? '', auth.nonce_str ?? '', body], auth.signature ?? '')
        const parsed = JSON.parse(body || '{}') as Record<string, unknown>
        this.prepays.push({ authorizationValid: valid, body: parsed })
        const [status, answer] = !valid
          ? [401, { code: 'SIGN_ERROR', message: '签名错误' }]
          : req.url === '/v3/pay/transactions/jsapi'
            ? [200, { prepay_id: `wx${randomBytes(14).toString('hex')}` }]
            : [404, { code: 'NOT_FOUND', message: 'no such API' }]
        const text = JSON.stringify(answer)
        res.writeHead(status, { 'content-type': 'application/json', ...this.signatureHeaders(text) }).end(text)
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  signatureHeaders(body: string, timestamp = String(this.nowSeconds()), key: KeyObject = this.signWith, serial = PLATFORM_SERIAL): Record<string, string> {
    const nonce = newNonce()
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSign(key, [timestamp, nonce, body]),
      'wechatpay-serial': serial,
    }
  }

  /** A TRANSACTION.SUCCESS notification as WeChat Pay sends it: encrypted resource, signed body. */
  notification(transaction: Record<string, unknown>, options: { timestamp?: string; key?: KeyObject; serial?: string; apiV3Key?: Buffer } = {}) {
    const resource = encryptResource(options.apiV3Key ?? this.keys.apiV3Key, JSON.stringify(transaction), 'transaction', randomBytes(6).toString('hex'))
    const body = JSON.stringify({
      id: `EV-${randomBytes(8).toString('hex')}`,
      create_time: new Date(this.nowSeconds() * 1000).toISOString(),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: { original_type: 'transaction', ...resource },
    })
    return { body, headers: { 'content-type': 'application/json', ...this.signatureHeaders(body, options.timestamp, options.key, options.serial) } }
  }
}

/** The decrypted transaction of a successful payment of `totalFen` for an order. */
export function paidTransaction(orderId: string, totalFen: number, openid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    appid: TEST_APPID,
    mchid: TEST_MCHID,
    out_trade_no: orderId,
    transaction_id: `4200000${randomBytes(10).toString('hex')}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: '2026-11-21T18:00:00+08:00',
    payer: { openid },
    amount: { total: totalFen, payer_total: totalFen, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  }
}

/** The WECHATPAY_* environment for these keys, PEMs given inline. */
export function wechatPayEnv(keys: PayKeys): Record<string, string> {
  return {
    WECHATPAY_MCHID: TEST_MCHID,
    WECHATPAY_MERCHANT_SERIAL_NO: '3775B6A45ACD588826D15E583A95F5DD00000000',
    WECHATPAY_PRIVATE_KEY: keys.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    WECHATPAY_APIV3_KEY: keys.apiV3Key.toString('utf8'),
    WECHATPAY_PLATFORM_KEY: keys.platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    WECHATPAY_PLATFORM_SERIAL: PLATFORM_SERIAL,
    WECHATPAY_NOTIFY_URL: 'https://shop.example.com/api/wechatpay/notify',
  }
}
