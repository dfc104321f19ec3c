/**
 * The full disclosure of each personal-data item (WX-PRIV-6): purpose, retention, where it is asked
 * and the rules it follows. Shown on 隐私与数据, the privacy guide, the checkout form and in the
 * generated declaration docs. Kept apart from catalog.ts so these long texts ship in the
 * subpackages that show them instead of the main package: import it only from subpackage pages,
 * subpackage-only components and tools.
 */
import { PRIVACY_ITEMS, type PrivacyItem, type PrivacyItemId } from './catalog'

export interface PrivacyItemDetails {
  /** Full user-facing purpose, shown on the 隐私与数据 page and the privacy guide. */
  purpose: string
  /** What the server keeps and for how long. */
  retention: string
  /** Where in the app the user is asked. */
  askedOn: string
  ruleIds: string[]
}

/** A catalog item with its full disclosure. */
export type DisclosedItem = PrivacyItem & PrivacyItemDetails

const DETAILS: Record<PrivacyItemId, PrivacyItemDetails> = {
  wechatIdentity: {
    purpose: '你主动登录后，用于识别你的账号，保存你的订单与资料。不登录也可以浏览和加购。',
    retention: '账号存续期间保存；删除我的数据后立即删除',
    askedOn: '我的 → 登录（仅在你点击时）',
    ruleIds: ['WX-LOGIN-1', 'WX-LOGIN-2', 'WX-LOGIN-3', 'WX-PRIV-9'],
  },
  phoneNumber: {
    purpose: '仅用于配送员联系你完成订单配送，不用于营销。你也可以手动填写其他号码。',
    retention: '通过微信获取的号码加密保存在你的账号中，供之后的订单使用，直到你在「隐私与数据」删除它或删除账号；每个配送订单另外加密保存该单的联系电话，随订单保存至你删除账号',
    askedOn: '结算页（配送订单的联系电话）',
    ruleIds: ['WX-PHONE-1', 'WX-PHONE-2', 'WX-PHONE-3', 'WX-PHONE-4', 'WX-PHONE-5', 'WX-DATA-5'],
  },
  avatar: {
    purpose: '你选择的头像图片会上传到本店服务器保存，用于在「我的」页面展示，仅你本人可见。',
    retention: '保存至你撤回或删除数据为止',
    askedOn: '我的 → 编辑资料',
    ruleIds: ['WX-PROFILE-1', 'WX-PROFILE-3', 'WX-PROFILE-4', 'WX-PROFILE-6'],
  },
  nickname: {
    purpose: '用于在「我的」页面称呼你，仅你本人可见。',
    retention: '保存至你撤回或删除数据为止',
    askedOn: '我的 → 编辑资料',
    ruleIds: ['WX-PROFILE-1', 'WX-PROFILE-2', 'WX-PROFILE-3', 'WX-PROFILE-4', 'WX-PROFILE-6'],
  },
  fuzzyLocation: {
    purpose: '用于为你推荐最近的自提门店和配送城市；仅在本次使用，除非你保存选择。',
    retention: '位置不保存；你保存的常用门店可随时在「隐私与数据」删除',
    askedOn: '结算页（自提）与门店页，点击「使用我的大致位置」时',
    ruleIds: ['WX-LOC-1', 'WX-LOC-2', 'WX-LOC-3', 'WX-LOC-4'],
  },
  subscribeMessage: {
    purpose: '仅用于发送你订单的发货与状态通知，不发送营销信息；不订阅不影响下单。',
    retention: '保存你对每个模板的选择，发送一次后即失效；可在「隐私与数据」逐条删除，删除账号时全部删除',
    askedOn: '下单成功页，点击「订阅发货通知」时',
    ruleIds: ['WX-SUB-1', 'WX-SUB-2', 'WX-SUB-3', 'WX-SUB-4'],
  },
  deliveryContact: {
    purpose: '你在结算页手动填写，仅用于配送本单。',
    retention: '随订单保存；删除我的数据后立即删除',
    askedOn: '结算页',
    ruleIds: ['WX-DATA-2', 'WX-DATA-3', 'WX-PRIV-9'],
  },
}

/** Every catalog item with its disclosure, in the catalog's order. */
export const DISCLOSED_ITEMS: readonly DisclosedItem[] = PRIVACY_ITEMS.map((item) => ({ ...item, ...DETAILS[item.id] }))

export function privacyDetails(id: PrivacyItemId): PrivacyItemDetails {
  return DETAILS[id]
}
