import type { FastifyBaseLogger } from 'fastify'
import { ApiError } from '../errors'
import { WeChatError, WECHAT_ERRCODES } from './api'

/** Which request failed, for a message the user can act on (these are shown in the app). */
export type WeChatAction = 'login' | 'phone'

/** errcodes that are the user's or the moment's, not a fault of this server's setup. */
const EXPECTED = new Set<number>([
  WECHAT_ERRCODES.invalidCode,
  WECHAT_ERRCODES.rateLimited,
  WECHAT_ERRCODES.riskyUser,
  WECHAT_ERRCODES.phoneQuota,
  WECHAT_ERRCODES.systemBusy,
])

/** True when an operator should look at it (e.g. a wrong appid/secret: 40013, 40125). */
export const isUnexpectedWeChatError = (error: WeChatError): boolean => !EXPECTED.has(error.errcode)

/** The HTTP answer for a failed WeChat call: 400/403/429 for the user's side, 503 otherwise. */
export function apiErrorFromWeChat(error: WeChatError, action: WeChatAction): ApiError {
  switch (error.errcode) {
    case WECHAT_ERRCODES.invalidCode:
      return new ApiError(
        400,
        'WECHAT_INVALID_CODE',
        action === 'login' ? '登录凭证无效或已过期，请重新登录' : '手机号授权已失效，请重试或手动填写手机号',
      )
    case WECHAT_ERRCODES.rateLimited:
      return new ApiError(429, 'WECHAT_RATE_LIMITED', '操作太频繁，请稍后再试')
    case WECHAT_ERRCODES.riskyUser:
      return new ApiError(403, 'WECHAT_RISKY_USER', '当前微信账号存在安全风险，暂时无法登录')
    case WECHAT_ERRCODES.phoneQuota:
      return new ApiError(429, 'PHONE_QUOTA_EXCEEDED', '暂时无法获取微信手机号，请手动填写手机号')
    default:
      return new ApiError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后重试')
  }
}

/**
 * A failed WeChat call as the HTTP error to answer with; logged by errcode only (the code sent is
 * never logged). Anything that is not a WeChatError is passed on unchanged.
 */
export function answerForWeChatFailure(error: unknown, action: WeChatAction, log: FastifyBaseLogger): unknown {
  if (!(error instanceof WeChatError)) return error
  const line = { wechatErrcode: error.errcode, action, detail: error.message }
  if (isUnexpectedWeChatError(error)) log.error(line, 'WeChat call failed')
  else log.warn(line, 'WeChat call refused')
  return apiErrorFromWeChat(error, action)
}
