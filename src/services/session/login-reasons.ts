/**
 * Why something needs an account, in the words the login sheet shows: one line per purpose, so a
 * page or action names its purpose and never writes the sentence again.
 */
export const LOGIN_REASONS = {
  /** The 登录 button on 我的: the user asked to log in, no further reason. */
  member: '使用微信账号登录本店',
  orders: '登录后可查看你的订单',
  profile: '登录后可设置头像和昵称',
  myData: '登录后可查看你的数据',
  checkout: '提交订单需要登录',
  wechatPhone: '登录后可使用微信手机号',
  payment: '登录已过期，请重新登录后支付',
  /** A 401 on an account call: the session ended on the server. */
  expired: '登录已过期，请重新登录',
} as const satisfies Record<string, string>

export type LoginPurpose = keyof typeof LOGIN_REASONS

/**
 * The user closed the login sheet (暂不登录) for an action that needs an account. Browsing goes
 * on (WX-LOGIN-2); callers show that nothing happened and keep what the user entered.
 */
export class LoginDeclined extends Error {
  override readonly name = 'LoginDeclined'

  constructor(readonly purpose: LoginPurpose) {
    super(LOGIN_REASONS[purpose])
  }
}
