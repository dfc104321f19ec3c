/**
 * Every personal-data item the storefront touches, listed once (WX-PRIV-6). The same entries
 * drive the in-app reasons shown beside each request, the 隐私与数据 page, and the list of items
 * to declare in the admin console's 用户隐私保护指引 (docs/privacy-declaration.md).
 *
 * This file holds what the main package needs (the consent sheet, the login sheet, the service's
 * agreement checks); the full disclosure texts (purpose, retention, where asked, rule IDs) are in
 * catalog-details.ts, which only subpackage pages and the tools import.
 */

export type PrivacyItemId =
  | 'wechatIdentity'
  | 'phoneNumber'
  | 'avatar'
  | 'nickname'
  | 'fuzzyLocation'
  | 'subscribeMessage'
  | 'deliveryContact'

export interface PrivacyItem {
  id: PrivacyItemId
  /** Short user-facing name. */
  title: string
  /** One short line shown right beside the control that asks for it. */
  reason: string
  /** APIs or components that collect it; only src/services/privacy/ uses them. */
  collectedVia: string[]
  /** Authorization scope, where WeChat has one. */
  scope: string | null
  /**
   * The information type to tick in the admin console's 用户隐私保护指引, or null when the item is
   * not collected through a WeChat privacy interface (it is still disclosed in-app).
   */
  adminDeclaration: string | null
  /**
   * Set for personal data that no WeChat privacy interface gates (the login identity, what the user
   * types): the app itself asks for the agreement, in the same consent sheet, before collecting it
   * the first time (WX-PRIV-9). The text says what will not work if the user disagrees.
   */
  agreementFirst: { withoutAgreement: string } | null
}

export const PRIVACY_ITEMS: readonly PrivacyItem[] = [
  {
    id: 'wechatIdentity',
    title: '微信登录身份',
    reason: '登录后可同步订单与资料，不登录也能正常浏览和购物车',
    collectedVia: ['Taro.login (wx.login) → 服务器 code2Session'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: { withoutAgreement: '未同意隐私保护指引，暂时无法登录；浏览商品和购物车不受影响' },
  },
  {
    id: 'phoneNumber',
    title: '手机号',
    reason: '仅供配送员联系你完成本单；加密保存至你在隐私与数据删除',
    collectedVia: ['<Button openType="getPhoneNumber">', '服务器 phonenumber.getPhoneNumber'],
    scope: null,
    adminDeclaration: '手机号',
    agreementFirst: null,
  },
  {
    id: 'avatar',
    title: '头像',
    reason: '选择后图片将上传到本店服务器，仅用于在「我的」页面展示，仅你本人可见',
    collectedVia: ['<Button openType="chooseAvatar">'],
    scope: null,
    adminDeclaration: '用户信息（微信昵称、头像）',
    agreementFirst: null,
  },
  {
    id: 'nickname',
    title: '昵称',
    reason: '仅用于在「我的」页面称呼你，仅你本人可见',
    collectedVia: ['<Input type="nickname">'],
    scope: null,
    adminDeclaration: '用户信息（微信昵称、头像）',
    agreementFirst: null,
  },
  {
    id: 'fuzzyLocation',
    title: '大致位置',
    reason: '用于推荐离你最近的门店，不会获取精确位置',
    collectedVia: ['Taro.getFuzzyLocation (wx.getFuzzyLocation)'],
    scope: 'scope.userFuzzyLocation',
    adminDeclaration: '位置信息（模糊位置）',
    agreementFirst: null,
  },
  {
    id: 'subscribeMessage',
    title: '订阅消息',
    reason: '仅用于通知本单发货与状态，不订阅也不影响订单',
    collectedVia: ['Taro.requestSubscribeMessage (wx.requestSubscribeMessage)'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: null,
  },
  {
    id: 'deliveryContact',
    title: '收货人与地址',
    reason: '仅用于配送本单',
    collectedVia: ['结算页表单（手动填写联系人、手机号、地址）'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: { withoutAgreement: '未同意隐私保护指引，暂时无法提交需要填写联系人的订单；已填写的内容和购物车都已保留' },
  },
]

export function privacyItem(id: PrivacyItemId): PrivacyItem {
  const item = PRIVACY_ITEMS.find((candidate) => candidate.id === id)
  // The id type makes this unreachable; the check keeps noUncheckedIndexedAccess honest.
  if (!item) throw new Error(`Unknown privacy item: ${id}`)
  return item
}

/** The item an API or component name belongs to, for naming the feature in the consent sheet. */
export function itemForApi(api: string): PrivacyItem | undefined {
  return PRIVACY_ITEMS.find((item) => item.collectedVia.some((via) => via.includes(api)))
}
