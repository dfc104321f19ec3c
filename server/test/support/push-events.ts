/** An authorized_user_information_changes push as WeChat sends it (JSON format), before any encryption. */
export const pushEvent = (openid: string, name: string, revokeInfo?: string) => ({
  ToUserName: 'gh_870882ca4b1',
  FromUserName: 'oPlatformPushService',
  CreateTime: 1732183200,
  MsgType: 'event',
  Event: name,
  OpenID: openid,
  AppID: 'wx0123456789abcdef',
  ...(revokeInfo === undefined ? {} : { RevokeInfo: revokeInfo }),
})
