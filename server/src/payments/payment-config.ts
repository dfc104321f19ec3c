import { readFileSync } from 'node:fs'
import type { Env } from '../config'
import { nonEmpty } from '../config'
import { privateKeyFromPem, publicKeyFromPem } from './wechatpay-crypto'
import { systemClock } from '../time'
import { SandboxPaymentGateway, type PaymentGateway } from './gateway'
import { WECHATPAY_API_BASE, WeChatPayGateway, type WeChatPaySettings } from './wechatpay-gateway'

export type PaymentConfig = { kind: 'sandbox' } | { kind: 'none' } | { kind: 'wechatpay'; settings: WeChatPaySettings }

/** Every WeChat Pay setting; all or none must be set. */
export const WECHATPAY_VARIABLES = [
  'WECHATPAY_MCHID',
  'WECHATPAY_MERCHANT_SERIAL_NO',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_KEY',
  'WECHATPAY_PLATFORM_SERIAL',
  'WECHATPAY_NOTIFY_URL',
] as const

/** A PEM given inline (starts with -----BEGIN) or the path of a PEM file. */
function pem(value: string, name: string): string {
  if (value.startsWith('-----BEGIN')) return value.replace(/\\n/g, '\n')
  try {
    return readFileSync(value, 'utf8')
  } catch {
    throw new Error(`${name}: cannot read the PEM file ${value}`)
  }
}

/**
 * Which payment provider the server uses (WX-PAY-1): WeChat Pay when WECHATPAY_* are set; the
 * sandbox's simulated payment only together with the WeChat sandbox; in production WeChat Pay is
 * required, so a production server never starts without a real way to take payment.
 */
export function parsePayments(env: Env, production: boolean, appId: string | null): PaymentConfig {
  const given = WECHATPAY_VARIABLES.filter((name) => nonEmpty(env[name]) !== undefined)
  if (given.length === 0) {
    if (production) throw new Error(`NODE_ENV=production needs WeChat Pay: set ${WECHATPAY_VARIABLES.join(', ')} (server/README.md)`)
    return appId === null ? { kind: 'sandbox' } : { kind: 'none' }
  }
  const missing = WECHATPAY_VARIABLES.filter((name) => !given.includes(name))
  if (missing.length > 0) throw new Error(`Set every WeChat Pay variable or none; missing: ${missing.join(', ')}`)
  if (appId === null) throw new Error('WeChat Pay needs the mini program credentials (WECHAT_APPID, WECHAT_SECRET): the sandbox has no real payers')
  const value = (name: (typeof WECHATPAY_VARIABLES)[number]): string => nonEmpty(env[name]) as string

  const mchId = value('WECHATPAY_MCHID')
  if (!/^[0-9]{8,12}$/.test(mchId)) throw new Error('WECHATPAY_MCHID must be the merchant number (8–12 digits)')
  const apiV3Key = Buffer.from(value('WECHATPAY_APIV3_KEY'), 'utf8')
  if (apiV3Key.length !== 32) throw new Error('WECHATPAY_APIV3_KEY must be the 32-character APIv3 key set in the merchant platform')
  const notifyUrl = value('WECHATPAY_NOTIFY_URL')
  if (!/^https:\/\/[^/\s]+\/\S*$/.test(notifyUrl)) throw new Error('WECHATPAY_NOTIFY_URL must be an https URL (WeChat Pay calls it), e.g. https://shop.example.com/api/wechatpay/notify')
  const apiBase = nonEmpty(env.WECHATPAY_API_BASE) ?? WECHATPAY_API_BASE
  if (!/^https?:\/\/[^/\s]+$/.test(apiBase)) throw new Error('WECHATPAY_API_BASE must be an http(s) origin without a path')
  return {
    kind: 'wechatpay',
    settings: {
      appId,
      mchId,
      merchantSerialNo: value('WECHATPAY_MERCHANT_SERIAL_NO'),
      merchantPrivateKey: privateKeyFromPem(pem(value('WECHATPAY_PRIVATE_KEY'), 'WECHATPAY_PRIVATE_KEY'), 'WECHATPAY_PRIVATE_KEY'),
      apiV3Key,
      platform: {
        serial: value('WECHATPAY_PLATFORM_SERIAL'),
        publicKey: publicKeyFromPem(pem(value('WECHATPAY_PLATFORM_KEY'), 'WECHATPAY_PLATFORM_KEY'), 'WECHATPAY_PLATFORM_KEY'),
      },
      notifyUrl,
      apiBase,
    },
  }
}

export function paymentGatewayFor(config: PaymentConfig): PaymentGateway | null {
  switch (config.kind) {
    case 'sandbox':
      return new SandboxPaymentGateway()
    case 'wechatpay':
      return new WeChatPayGateway(config.settings, systemClock)
    case 'none':
      return null
  }
}
