import type { KeyObject } from 'node:crypto'
import { ApiError } from '../errors'
import type { Clock } from '../time'
import type { PayableOrder, PaymentGateway, PaymentStart } from './gateway'
import {
  authorizationHeader,
  checkPlatformSignature,
  decryptResource,
  platformSignatureOf,
  requestPaymentParams,
  type EncryptedResource,
  type PlatformKey,
} from './wechatpay-crypto'

export const WECHATPAY_API_BASE = 'https://api.mch.weixin.qq.com'
export const JSAPI_PREPAY_PATH = '/v3/pay/transactions/jsapi'
const REQUEST_TIMEOUT_MS = 10_000
/** WeChat Pay limits description to 127 bytes (UTF-8). */
const DESCRIPTION_MAX_BYTES = 127

export interface WeChatPaySettings {
  appId: string
  mchId: string
  merchantSerialNo: string
  merchantPrivateKey: KeyObject
  apiV3Key: Buffer
  platform: PlatformKey
  /** The public https URL of POST /api/wechatpay/notify. */
  notifyUrl: string
  apiBase: string
}

/** A verified, decrypted payment notification (the fields the server acts on). */
export interface PaymentNotice {
  outTradeNo: string
  transactionId: string
  tradeState: string
  totalFen: number
  payerOpenid: string
}

export class NotificationRejected extends Error {
  constructor(readonly reason: string) {
    super(`WeChat Pay notification rejected: ${reason}`)
    this.name = 'NotificationRejected'
  }
}

/** RFC 3339 in China Standard Time, the form WeChat Pay documents (2018-06-08T10:34:56+08:00). */
export function beijingTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000)
  return `${shifted.toISOString().slice(0, 19)}+08:00`
}

function truncateBytes(text: string, maxBytes: number): string {
  let out = ''
  for (const char of text) {
    if (Buffer.byteLength(out + char, 'utf8') > maxBytes) break
    out += char
  }
  return out
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** 微信支付 JSAPI (API v3): prepay order, signed client parameters, verified notifications. */
export class WeChatPayGateway implements PaymentGateway {
  readonly provider = 'wechatpay' as const

  constructor(
    private readonly settings: WeChatPaySettings,
    private readonly now: Clock,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private seconds(): number {
    return Math.floor(this.now().getTime() / 1000)
  }

  async start(order: PayableOrder): Promise<PaymentStart> {
    const { appId, mchId, notifyUrl } = this.settings
    const body = JSON.stringify({
      appid: appId,
      mchid: mchId,
      description: truncateBytes(order.description, DESCRIPTION_MAX_BYTES),
      out_trade_no: order.orderId,
      notify_url: notifyUrl,
      // WeChat Pay refuses payment after the order's window, so money never arrives for an order the
      // expiry sweeper has cancelled (and released its stock).
      time_expire: beijingTime(order.payBy),
      amount: { total: order.totalFen, currency: 'CNY' },
      payer: { openid: order.openid },
    })
    const answer = await this.call('POST', JSAPI_PREPAY_PATH, body)
    const prepayId = isRecord(answer) ? answer.prepay_id : undefined
    if (!isString(prepayId) || prepayId === '') throw paymentFailed('prepay answer without prepay_id')
    return { provider: 'wechatpay', request: requestPaymentParams(this.settings.merchantPrivateKey, appId, prepayId, this.seconds()) }
  }

  /** A signed request whose answer must carry the platform's valid signature. */
  private async call(method: 'POST', path: string, body: string): Promise<unknown> {
    const merchant = { mchId: this.settings.mchId, serialNo: this.settings.merchantSerialNo, privateKey: this.settings.merchantPrivateKey }
    let response: Response
    try {
      response = await this.fetchImpl(`${this.settings.apiBase}${path}`, {
        method,
        headers: {
          Authorization: authorizationHeader(merchant, { method, pathWithQuery: path, body }, this.seconds()),
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (error) {
      throw paymentFailed(`WeChat Pay unreachable: ${error instanceof Error ? error.message : String(error)}`)
    }
    const text = await response.text()
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    const problem = checkPlatformSignature(this.settings.platform, platformSignatureOf(headers), text, this.seconds())
    if (problem !== null) throw paymentFailed(`WeChat Pay answer failed verification (${problem})`)
    const json = parseJson(text)
    if (!response.ok) {
      const code = isRecord(json) && isString(json.code) ? json.code : String(response.status)
      throw paymentFailed(`WeChat Pay refused the prepay order: ${code}`)
    }
    return json
  }

  /**
   * Verifies a payment notification (platform signature over timestamp, nonce and the raw body,
   * within five minutes) and decrypts its resource. Throws NotificationRejected otherwise.
   */
  verifyNotification(headers: Readonly<Record<string, string | string[] | undefined>>, rawBody: string): PaymentNotice {
    const problem = checkPlatformSignature(this.settings.platform, platformSignatureOf(headers), rawBody, this.seconds())
    if (problem !== null) throw new NotificationRejected(problem)
    const envelope = parseJson(rawBody)
    const resource = isRecord(envelope) ? envelope.resource : undefined
    if (!isRecord(resource) || !isString(resource.ciphertext) || !isString(resource.nonce) || !isString(resource.algorithm)) {
      throw new NotificationRejected('no encrypted resource')
    }
    let plaintext: string
    try {
      plaintext = decryptResource(this.settings.apiV3Key, resource as unknown as EncryptedResource)
    } catch {
      throw new NotificationRejected('resource does not decrypt')
    }
    const transaction = parseJson(plaintext)
    if (!isRecord(transaction)) throw new NotificationRejected('resource is not JSON')
    const { appid, mchid, out_trade_no, transaction_id, trade_state, amount, payer } = transaction
    if (appid !== this.settings.appId || mchid !== this.settings.mchId) throw new NotificationRejected('another appid or mchid')
    const total = isRecord(amount) ? amount.total : undefined
    const openid = isRecord(payer) ? payer.openid : undefined
    if (!isString(out_trade_no) || !isString(transaction_id) || !isString(trade_state) || !Number.isInteger(total) || !isString(openid)) {
      throw new NotificationRejected('transaction fields missing')
    }
    return { outTradeNo: out_trade_no, transactionId: transaction_id, tradeState: trade_state, totalFen: total as number, payerOpenid: openid }
  }
}

const paymentFailed = (detail: string): ApiError => new PaymentProviderError(detail)

/** A provider failure: the client sees a calm 503, the log gets the detail. */
export class PaymentProviderError extends ApiError {
  constructor(readonly detail: string) {
    super(503, 'PAYMENT_UNAVAILABLE', '支付暂时不可用，请稍后重试，订单已保留')
    this.name = 'PaymentProviderError'
  }
}
