import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { ManualPhoneRequestSchema, PhoneOnFileSchema, WeChatPhoneRequestSchema } from '../contract'
import { badRequest } from '../errors'
import { deletePhone, normalizeMobile, savePhone } from '../phones/phones'
import { parseBody } from '../strict-body'
import { answerForWeChatFailure } from '../wechat/to-api-error'
import type { RouteContext } from './context'


const MAINLAND_ONLY = '暂只支持中国大陆手机号，请手动填写'

/**
 * The phone number on file, asked for only at checkout (WX-PHONE-1). Responses carry the masked
 * number only; the full number is stored encrypted and never returned or logged (WX-DATA-3).
 */
export const phoneRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, wechat, requireUser, phoneCipher, limiter }) => {
  const authed = { preHandler: requireUser, schema: { response: { 200: PhoneOnFileSchema } } }

  // WX-PHONE-5: the getPhoneNumber button's code → getuserphonenumber; 1400001 → manual entry.
  // Each call is billed by WeChat, and a number on file is reused, so honest users need few:
  // a small quota per user per day, and one for the whole service.
  app.post('/api/me/phone/wechat', { ...authed, config: { body: WeChatPhoneRequestSchema } }, async (request, reply) => {
    const { code } = parseBody(WeChatPhoneRequestSchema, request.body)
    await limiter.enforce('PHONE_WECHAT_PER_USER', sessionOf(request).userId, reply)
    await limiter.enforce('PHONE_WECHAT_PER_DAY', 'service', reply)
    const phone = await wechat.getPhoneNumber(code).catch((error: unknown) => {
      throw answerForWeChatFailure(error, 'phone', request.log)
    })
    const mobile = phone.countryCode === '86' ? normalizeMobile(phone.purePhoneNumber) : null
    if (mobile === null) throw badRequest(MAINLAND_ONLY)
    return savePhone(db, phoneCipher, sessionOf(request).userId, mobile, 'wechat', now())
  })

  // WX-PHONE-3: typing a number by hand is always possible.
  app.put('/api/me/phone', { ...authed, config: { body: ManualPhoneRequestSchema } }, async (request, reply) => {
    await limiter.enforce('PHONE_MANUAL_PER_USER', sessionOf(request).userId, reply)
    const mobile = normalizeMobile(parseBody(ManualPhoneRequestSchema, request.body).phone)
    if (mobile === null) throw badRequest('请填写正确的中国大陆手机号（11 位，以 1 开头）')
    return savePhone(db, phoneCipher, sessionOf(request).userId, mobile, 'manual', now())
  })

  app.delete('/api/me/phone', { preHandler: requireUser, config: { body: 'none' } }, async (request, reply) => {
    await deletePhone(db, sessionOf(request).userId)
    return reply.code(204).send()
  })
}
