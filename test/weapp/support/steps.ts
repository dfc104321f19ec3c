/**
 * Small user steps the journeys are made of. Each returns nothing; `step()` wraps one and returns
 * the ordered privacy/auth calls it caused, so a journey asserts the call log per step. When the
 * app's flows change (e.g. a consent sheet before login), adapt a step here, not every journey.
 */
import type { MiniProgram } from '../runtime/mini-program'

export const TABS = {
  home: 'pages/index/index',
  category: 'pages/category/index',
  cart: 'pages/cart/index',
  mine: 'pages/mine/index',
} as const

/** Runs one named user step and returns "call → outcome" lines for the privacy/auth calls it made. */
export async function step(mp: MiniProgram, name: string, action: () => Promise<unknown>): Promise<string[]> {
  mp.log.takeStep()
  mp.beginStep(name)
  try {
    await action()
  } finally {
    mp.endStep()
  }
  return mp.log.takeStep()
}

/** What a launch may do about privacy: register the one app-wide listener, and nothing else. */
export const LISTENER_SET = 'onNeedPrivacyAuthorization → listener set'

/** WX-LAUNCH-1 on the compiled package: the launch made no privacy/auth call but the listener's registration. */
export function expectLaunchAsksNothing(mp: MiniProgram): void {
  expect(mp.log.takeStep()).toEqual([LISTENER_SET])
  expect(mp.user.unanswered).toEqual([])
}

export async function openFirstProduct(mp: MiniProgram): Promise<void> {
  const card = mp.findAll({ className: 'product-card' })[0]
  if (!card) throw new Error(`no product card on ${mp.route}:\n${mp.text()}`)
  await mp.tap(card)
  await mp.waitFor({ text: '加入购物车', role: 'button' })
}

export async function addToCart(mp: MiniProgram): Promise<void> {
  await mp.tap({ text: '加入购物车', role: 'button' })
}

export async function openLoginSheet(mp: MiniProgram): Promise<void> {
  await mp.switchTab(TABS.mine)
  await mp.tap({ text: '登录', role: 'button' })
  await mp.waitFor({ text: '暂不登录' })
}

export async function declineLogin(mp: MiniProgram): Promise<void> {
  await mp.tap({ text: '暂不登录' })
}

/** Taps 微信一键登录 only: before the agreement this raises the consent sheet (WX-PRIV-9), not wx.login. */
export async function tapOneTapLogin(mp: MiniProgram): Promise<void> {
  await mp.tap({ text: '微信一键登录' })
}

/** 微信一键登录, 同意 in the consent sheet when it appears (first time on the device), logged in. */
export async function confirmLogin(mp: MiniProgram): Promise<void> {
  await tapOneTapLogin(mp)
  await finishLogin(mp)
}

/** After 微信一键登录: 同意 in the consent sheet if it is open, then wait until logged in. */
export async function finishLogin(mp: MiniProgram): Promise<void> {
  if (consentSheetOpen(mp)) await agreeInConsentSheet(mp)
  await mp.waitFor({ text: '退出登录' })
}

export async function login(mp: MiniProgram): Promise<void> {
  await openLoginSheet(mp)
  await confirmLogin(mp)
}

/** What WeChat sees when 微信一键登录 is tapped before the agreement (WX-PRIV-9): the sync, then the sheet. */
export const AGREEMENT_SYNC_ASKED = [
  'getPrivacySetting → needAuthorization true',
  'privacy prompt → listener called (requirePrivacyAuthorize)',
]

/** What WeChat sees when 同意 is tapped in the app's sheet opened by requirePrivacyAuthorize. */
export const AGREED_BY_SHEET = [
  'agreePrivacyAuthorization button → tap #privacy-agree-btn',
  'privacy prompt → agree',
  'requirePrivacyAuthorize → ok',
]

/** The app's own consent sheet: 同意 is the agreePrivacyAuthorization button. */
export async function agreeInConsentSheet(mp: MiniProgram): Promise<void> {
  await mp.tap(await mp.waitFor({ openType: 'agreePrivacyAuthorization' }))
}

export async function refuseInConsentSheet(mp: MiniProgram): Promise<void> {
  await mp.waitFor({ openType: 'agreePrivacyAuthorization' })
  await mp.tap({ text: '拒绝', role: 'button' })
}

export function consentSheetOpen(mp: MiniProgram): boolean {
  return mp.has({ openType: 'agreePrivacyAuthorization' })
}

export async function goToCheckout(mp: MiniProgram): Promise<void> {
  await mp.switchTab(TABS.cart)
  await mp.tap({ text: /^去结算/ })
  await mp.waitFor({ text: '提交订单', role: 'button' })
}

export async function fillDelivery(mp: MiniProgram, fields: { name: string; phone?: string; city: string; address: string }): Promise<void> {
  await mp.type({ placeholder: '请填写姓名' }, fields.name)
  if (fields.phone !== undefined) await mp.type({ placeholder: '请输入手机号' }, fields.phone)
  await mp.type({ placeholder: '如：上海' }, fields.city)
  await mp.type({ placeholder: '街道、门牌号' }, fields.address)
}

/** 提交订单 and the simulated payment's 确认支付, landing on the order result page. */
export async function placeAndPay(mp: MiniProgram): Promise<void> {
  await mp.tap({ text: '提交订单', role: 'button' })
  await mp.tap(await mp.waitFor({ text: /^确认支付/ }))
  for (let attempt = 0; attempt < 10 && mp.route !== 'packageShop/order-result/index'; attempt += 1) await mp.settle()
  await mp.waitFor({ text: '订阅发货通知' })
}
