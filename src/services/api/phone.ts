import { isRecord, isString, type Guard } from './guards'
import { isNoContent, type HttpClient } from './http'
import type { PhoneOnFile } from './types'

export const isPhoneOnFile: Guard<PhoneOnFile> = (v): v is PhoneOnFile =>
  isRecord(v) && isString(v.masked) && (v.source === 'wechat' || v.source === 'manual')

/** A mainland mobile number, as typed by hand (spaces and dashes removed first). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '')
}

export function isMobileNumber(raw: string): boolean {
  return MOBILE_PATTERN.test(normalizePhone(raw))
}

/** The member's phone on file. Every call needs an account; the server only ever returns it masked. */
export interface PhoneApi {
  /**
   * Exchanges the getPhoneNumber button's one-time code (WX-PHONE-5): the server calls WeChat's
   * getuserphonenumber. 429 PHONE_QUOTA_EXCEEDED means "type it by hand".
   */
  fromWechatCode(code: string): Promise<PhoneOnFile>
  saveManual(phone: string): Promise<PhoneOnFile>
  remove(): Promise<void>
}

export function createPhoneApi(client: HttpClient): PhoneApi {
  return {
    fromWechatCode: (code) => client.request({ method: 'POST', path: '/api/me/phone/wechat', body: { code } }, isPhoneOnFile),
    saveManual: (phone) => client.request({ method: 'PUT', path: '/api/me/phone', body: { phone: normalizePhone(phone) } }, isPhoneOnFile),
    async remove() {
      await client.request({ method: 'DELETE', path: '/api/me/phone' }, isNoContent)
    },
  }
}
