import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto'
import type { RequestPaymentParams } from '../contract'

/**
 * WeChat Pay API v3 cryptography with node:crypto only: the merchant's request signature, the
 * signature of the client's Taro.requestPayment parameters, the platform's signature over its
 * responses and notifications, and the AEAD_AES_256_GCM envelope of a notification's resource.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048'

/** 32 characters of [0-9A-Za-z]: what WeChat Pay's examples use as nonce_str. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase()
}

/** Each signed message is its lines, each followed by \n (also the last one). */
const message = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('')

export function rsaSign(privateKey: KeyObject, lines: readonly string[]): string {
  return createSign('RSA-SHA256').update(message(lines)).sign(privateKey, 'base64')
}

export function rsaVerify(publicKey: KeyObject, lines: readonly string[], signatureBase64: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message(lines)).verify(publicKey, signatureBase64, 'base64')
  } catch {
    return false
  }
}

export interface MerchantIdentity {
  mchId: string
  /** Serial number of the merchant's API certificate (商户API证书序列号). */
  serialNo: string
  privateKey: KeyObject
}

/** The Authorization header of one API request: method, path with query, time, nonce, body. */
export function authorizationHeader(
  merchant: MerchantIdentity,
  request: { method: string; pathWithQuery: string; body: string },
  timestampSeconds: number,
  nonce: string = newNonce(),
): string {
  const timestamp = String(timestampSeconds)
  const signature = rsaSign(merchant.privateKey, [request.method, request.pathWithQuery, timestamp, nonce, request.body])
  return `${AUTH_SCHEMA} mchid="${merchant.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.serialNo}"`
}

/** What Taro.requestPayment takes, signed for the mini program's appid (signType RSA). */
export function requestPaymentParams(privateKey: KeyObject, appId: string, prepayId: string, timestampSeconds: number, nonce: string = newNonce()): RequestPaymentParams {
  const timeStamp = String(timestampSeconds)
  const pkg = `prepay_id=${prepayId}`
  return { timeStamp, nonceStr: nonce, package: pkg, signType: 'RSA', paySign: rsaSign(privateKey, [appId, timeStamp, nonce, pkg]) }
}

/** The Wechatpay-* headers that come with every response and notification. */
export interface PlatformSignature {
  timestamp: string
  nonce: string
  signature: string
  serial: string
}

export function platformSignatureOf(headers: Readonly<Record<string, string | string[] | undefined>>): PlatformSignature | null {
  const one = (name: string): string | undefined => {
    const value = headers[name]
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const timestamp = one('wechatpay-timestamp')
  const nonce = one('wechatpay-nonce')
  const signature = one('wechatpay-signature')
  const serial = one('wechatpay-serial')
  if (!timestamp || !nonce || !signature || !serial) return null
  return { timestamp, nonce, signature, serial }
}

export interface PlatformKey {
  /** The WeChat Pay public key ID (PUB_KEY_ID_…) or the platform certificate's serial number. */
  serial: string
  publicKey: KeyObject
}

/** How far a signed timestamp may be from our clock; older messages are replays. */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60

export type SignatureProblem = 'missing' | 'unknown-serial' | 'stale' | 'bad-signature'

/** Null when the body was signed by the platform key within the allowed window. */
export function checkPlatformSignature(
  platform: PlatformKey,
  signed: PlatformSignature | null,
  body: string,
  nowSeconds: number,
): SignatureProblem | null {
  if (signed === null) return 'missing'
  if (signed.serial !== platform.serial) return 'unknown-serial'
  const timestamp = Number(signed.timestamp)
  if (!/^[0-9]{1,12}$/.test(signed.timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_MAX_AGE_SECONDS) return 'stale'
  return rsaVerify(platform.publicKey, [signed.timestamp, signed.nonce, body], signed.signature) ? null : 'bad-signature'
}

/** The encrypted part of a notification (resource). */
export interface EncryptedResource {
  algorithm: string
  ciphertext: string
  associated_data?: string
  nonce: string
}

const GCM_TAG_BYTES = 16

/** AEAD_AES_256_GCM with the APIv3 key; the base64 ciphertext ends with the 16-byte tag. Throws when tampered. */
export function decryptResource(apiV3Key: Buffer, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${resource.algorithm}`)
  const data = Buffer.from(resource.ciphertext, 'base64')
  if (data.length <= GCM_TAG_BYTES) throw new Error('ciphertext too short')
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'))
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8')
}

/** The inverse of decryptResource: what WeChat Pay does; tests use it to build notifications. */
export function encryptResource(apiV3Key: Buffer, plaintext: string, associatedData: string, nonce: string): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', apiV3Key, Buffer.from(nonce, 'utf8'))
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: associatedData, nonce }
}

export function privateKeyFromPem(pem: string, label: string): KeyObject {
  try {
    return createPrivateKey(pem)
  } catch {
    throw new Error(`${label} is not a PEM private key`)
  }
}

/** A WeChat Pay public key (PEM) or a platform certificate (PEM): both carry the verifying key. */
export function publicKeyFromPem(pem: string, label: string): KeyObject {
  try {
    return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem)
  } catch {
    throw new Error(`${label} is not a PEM public key or certificate`)
  }
}
