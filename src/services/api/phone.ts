import { normalizePhone } from '@contract/rules'
import type { ManualPhoneRequest, PhoneOnFile, WeChatPhoneRequest } from '@contract/schemas'
import { isPhoneOnFile } from './generated/is-phone-on-file'
import { isNoContent, type HttpClient } from './http'

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
    fromWechatCode: (code) => client.request({ method: 'POST', path: '/api/me/phone/wechat', body: { code } satisfies WeChatPhoneRequest }, isPhoneOnFile),
    saveManual: (phone) => client.request({ method: 'PUT', path: '/api/me/phone', body: { phone: normalizePhone(phone) } satisfies ManualPhoneRequest }, isPhoneOnFile),
    async remove() {
      await client.request({ method: 'DELETE', path: '/api/me/phone' }, isNoContent)
    },
  }
}
