/**
 * Every personal-data item the storefront touches, listed once (WX-PRIV-6). The same entries
 * drive the in-app reasons shown beside each request, the 隐私与数据 page, and the list of items
 * to declare in the admin console's 用户隐私保护指引 (docs/privacy-declaration.md).
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
  /** Full user-facing purpose, shown on the 隐私与数据 page and the consent sheet. */
  purpose: string
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
  /** What the server keeps and for how long. */
  retention: string
  /** Where in the app the user is asked. */
  askedOn: string
  ruleIds: string[]
}

export const PRIVACY_ITEMS: readonly PrivacyItem[] = [
  {
    id: 'wechatIdentity',
    title: '微信登录身份',
    purpose: '你主动登录后，用于识别你的账号，保存你的订单与资料。不登录也可以浏览和加购。',
    reason: '登录后可同步订单与资料，不登录也能正常浏览和购物车',
    collectedVia: ['Taro.login (wx.login) → 服务器 code2Session'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: { withoutAgreement: '未同意隐私保护指引，暂时无法登录；浏览商品和购物车不受影响' },
    retention: '账号存续期间保存；删除我的数据后立即删除',
    askedOn: '我的 → 登录（仅在你点击时）',
    ruleIds: ['WX-LOGIN-1', 'WX-LOGIN-2', 'WX-LOGIN-3', 'WX-PRIV-9'],
  },
  {
    id: 'phoneNumber',
    title: '手机号',
    purpose: '仅用于配送员联系你完成订单配送，不用于营销。你也可以手动填写其他号码。',
    reason: '仅供配送员联系你完成本单；加密保存至你在隐私与数据删除',
    collectedVia: ['<Button openType="getPhoneNumber">', '服务器 phonenumber.getPhoneNumber'],
    scope: null,
    adminDeclaration: '手机号',
    agreementFirst: null,
    retention: '通过微信获取的号码加密保存在你的账号中，供之后的订单使用，直到你在「隐私与数据」删除它或删除账号；每个配送订单另外加密保存该单的联系电话，随订单保存至你删除账号',
    askedOn: '结算页（配送订单的联系电话）',
    ruleIds: ['WX-PHONE-1', 'WX-PHONE-2', 'WX-PHONE-3', 'WX-PHONE-4', 'WX-PHONE-5', 'WX-DATA-5'],
  },
  {
    id: 'avatar',
    title: '头像',
    purpose: '你选择的头像图片会上传到本店服务器保存，用于在「我的」页面展示，仅你本人可见。',
    reason: '选择后图片将上传到本店服务器，仅用于在「我的」页面展示，仅你本人可见',
    collectedVia: ['<Button openType="chooseAvatar">'],
    scope: null,
    adminDeclaration: '用户信息（微信昵称、头像）',
    agreementFirst: null,
    retention: '保存至你撤回或删除数据为止',
    askedOn: '我的 → 编辑资料',
    ruleIds: ['WX-PROFILE-1', 'WX-PROFILE-3', 'WX-PROFILE-4', 'WX-PROFILE-6'],
  },
  {
    id: 'nickname',
    title: '昵称',
    purpose: '用于在「我的」页面称呼你，仅你本人可见。',
    reason: '仅用于在「我的」页面称呼你，仅你本人可见',
    collectedVia: ['<Input type="nickname">'],
    scope: null,
    adminDeclaration: '用户信息（微信昵称、头像）',
    agreementFirst: null,
    retention: '保存至你撤回或删除数据为止',
    askedOn: '我的 → 编辑资料',
    ruleIds: ['WX-PROFILE-1', 'WX-PROFILE-2', 'WX-PROFILE-3', 'WX-PROFILE-4', 'WX-PROFILE-6'],
  },
  {
    id: 'fuzzyLocation',
    title: '大致位置',
    purpose: '用于为你推荐最近的自提门店和配送城市；仅在本次使用，除非你保存选择。',
    reason: '用于推荐离你最近的门店，不会获取精确位置',
    collectedVia: ['Taro.getFuzzyLocation (wx.getFuzzyLocation)'],
    scope: 'scope.userFuzzyLocation',
    adminDeclaration: '位置信息（模糊位置）',
    agreementFirst: null,
    retention: '位置不保存；你保存的常用门店可随时在「隐私与数据」删除',
    askedOn: '结算页（自提）与门店页，点击「使用我的大致位置」时',
    ruleIds: ['WX-LOC-1', 'WX-LOC-2', 'WX-LOC-3', 'WX-LOC-4'],
  },
  {
    id: 'subscribeMessage',
    title: '订阅消息',
    purpose: '仅用于发送你订单的发货与状态通知，不发送营销信息；不订阅不影响下单。',
    reason: '仅用于通知本单发货与状态，不订阅也不影响订单',
    collectedVia: ['Taro.requestSubscribeMessage (wx.requestSubscribeMessage)'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: null,
    retention: '保存你对每个模板的选择，发送一次后即失效；可在「隐私与数据」逐条删除，删除账号时全部删除',
    askedOn: '下单成功页，点击「订阅发货通知」时',
    ruleIds: ['WX-SUB-1', 'WX-SUB-2', 'WX-SUB-3', 'WX-SUB-4'],
  },
  {
    id: 'deliveryContact',
    title: '收货人与地址',
    purpose: '你在结算页手动填写，仅用于配送本单。',
    reason: '仅用于配送本单',
    collectedVia: ['结算页表单（手动填写联系人、手机号、地址）'],
    scope: null,
    adminDeclaration: null,
    agreementFirst: { withoutAgreement: '未同意隐私保护指引，暂时无法提交需要填写联系人的订单；已填写的内容和购物车都已保留' },
    retention: '随订单保存；删除我的数据后立即删除',
    askedOn: '结算页',
    ruleIds: ['WX-DATA-2', 'WX-DATA-3', 'WX-PRIV-9'],
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
