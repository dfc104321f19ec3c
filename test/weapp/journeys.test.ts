/**
 * The journeys of issue 9, on the compiled package (dist/) in the weapp runtime, against the real
 * backend. Every step asserts the ordered privacy/auth calls it caused and what the page shows.
 * The setData figures of every step are collected for the report written at the end.
 */
import type { MiniProgram } from './runtime/mini-program'
import { measureLaunchCost, recordJourney, recordTemplateLevels, writeSetDataReport } from './support/set-data-report'
import { setUpHarness } from './support/harness'
import {
  AGREED_BY_SHEET, AGREEMENT_SYNC_ASKED, addToCart, agreeInConsentSheet, consentSheetOpen, declineLogin, expectLaunchAsksNothing, fillDelivery, finishLogin, goToCheckout, login,
  openFirstProduct, openLoginSheet, placeAndPay, refuseInConsentSheet, step, TABS, tapOneTapLogin,
} from './support/steps'

const h = setUpHarness()

/** Each journey ends with no page error, no refused call and no unanswered or unused prompt. */
function expectCleanRun(mp: MiniProgram, journey: string): void {
  recordJourney(journey, mp.setDataLog)
  recordTemplateLevels(mp.deepestLevels)
  expect(mp.errors).toEqual([])
  expect(mp.user.unanswered).toEqual([])
  expect(mp.user.pending()).toEqual([])
}

async function launchWithCart(): Promise<MiniProgram> {
  const mp = await h.launch()
  await step(mp, 'product → 加入购物车', async () => {
    await openFirstProduct(mp)
    await addToCart(mp)
  })
  return mp
}

/** A member with one paid delivery order (typed contact), on the order result page. */
async function launchWithPaidOrder(): Promise<MiniProgram> {
  const mp = await launchWithCart()
  await login(mp)
  await goToCheckout(mp)
  await fillDelivery(mp, { name: '王小明', phone: '13912345678', city: '上海', address: '静安区南京西路 1 号' })
  await placeAndPay(mp)
  return mp
}

it('WX-LAUNCH-1, WX-LAUNCH-2: launch and every tab as a visitor show content with no privacy call', async () => {
  const mp = await h.launch()
  // The launch registers the one app-wide listener (not a prompt) and asks nothing.
  expectLaunchAsksNothing(mp)
  expect(mp.findAll({ className: 'product-card' }).length).toBeGreaterThan(3)
  expect(await step(mp, 'tab 分类', () => mp.switchTab(TABS.category))).toEqual([])
  expect(mp.text()).toMatch(/新鲜水果/)
  expect(await step(mp, 'tab 购物车', () => mp.switchTab(TABS.cart))).toEqual([])
  expect(await step(mp, 'tab 我的', () => mp.switchTab(TABS.mine))).toEqual([])
  expect(mp.find({ text: '登录', role: 'button' })).toBeDefined()
  expect(await step(mp, 'tab 首页 (kept alive)', () => mp.switchTab(TABS.home))).toEqual([])
  expect(mp.requests.filter((request) => request.status >= 400)).toEqual([])
  expectCleanRun(mp, 'launch and tabs as a visitor')
})

it('WX-LAUNCH-2: product → cart as a visitor', async () => {
  const mp = await launchWithCart()
  expect(mp.toasts).toContain('已加入购物车')
  expect(await step(mp, 'tab 购物车', () => mp.switchTab(TABS.cart))).toEqual([])
  expect(mp.text()).toMatch(/共 1 件商品/)
  expectCleanRun(mp, 'product → cart')
})

it('WX-LOGIN-1, WX-LOGIN-2, WX-LOGIN-3: 登录 → 暂不登录 calls no wx.login and keeps the cart; 登录 again logs in', async () => {
  const mp = await launchWithCart()
  expect(await step(mp, '我的 → 登录', () => openLoginSheet(mp))).toEqual([])
  expect(await step(mp, '暂不登录', () => declineLogin(mp))).toEqual([])
  expect(mp.has({ text: '暂不登录' })).toBe(false)
  expect(mp.text()).toMatch(/我的购物车1 件/)
  // WX-PRIV-9: the login identity is personal data no WeChat API gates, so the agreement sync comes first.
  expect(await step(mp, '登录 → 微信一键登录', async () => {
    await openLoginSheet(mp)
    await tapOneTapLogin(mp)
  })).toEqual(AGREEMENT_SYNC_ASKED)
  expect(consentSheetOpen(mp)).toBe(true)
  expect(mp.requests.some((request) => request.path === '/api/auth/login')).toBe(false)
  expect(await step(mp, '同意 → logged in', () => finishLogin(mp))).toEqual([...AGREED_BY_SHEET, 'login → ok'])
  expect(mp.requests).toContainEqual({ method: 'POST', path: '/api/auth/login', status: 200 })
  expect(mp.text()).toMatch(/我的购物车1 件/)
  expectCleanRun(mp, '登录 → 暂不登录 → 登录')
})

it('WX-PROFILE-1, WX-PROFILE-6: after the login\'s agreement the avatar upload is announced and needs no sheet; the nickname is saved by form submit', async () => {
  const mp = await h.launch()
  await login(mp)
  await step(mp, '编辑资料', () => mp.tap({ text: '编辑资料' }))
  // 001 14.7.1: the page says the picture is uploaded before the user picks one.
  expect(mp.text()).toMatch(/选择后图片将上传到本店服务器/)
  mp.user.will('chooseAvatar', 'allow')
  expect(await step(mp, 'tap 选择头像', () => mp.tap({ openType: 'chooseAvatar' }))).toEqual(['chooseAvatar button → allow'])
  expect(consentSheetOpen(mp)).toBe(false)
  expect(mp.text()).toMatch(/头像已更新/)
  expect(mp.requests.some((request) => /avatar/.test(request.path) && request.status < 300)).toBe(true)
  expect(await step(mp, 'type nickname', () => mp.type({ placeholder: '请输入昵称' }, '测试小王'))).toEqual(['nickname input → nickname keyboard'])
  expect(await step(mp, '保存昵称', () => mp.tap({ text: '保存昵称' }))).toEqual([])
  await step(mp, 'back to 我的', () => mp.goBack())
  expect(mp.text()).toMatch(/测试小王/)
  expectCleanRun(mp, 'profile: avatar + nickname')
})

it('WX-PROFILE-6: without the agreement (guide updated since login) the profile page syncs it on opening; the nickname stays disabled until 同意', async () => {
  const first = await h.launch()
  await login(first)
  // The operator updated the privacy guide: WeChat asks every user to agree again (seed 002 §四).
  first.device.privacyAgreed = false
  const mp = await h.relaunch(first)
  expectLaunchAsksNothing(mp)
  await mp.switchTab(TABS.mine)
  // WeChat raises no event for the nickname input (seed 002 §二.3), so the page asks itself.
  expect(await step(mp, '编辑资料', () => mp.tap({ text: '编辑资料' }))).toEqual(AGREEMENT_SYNC_ASKED)
  expect(consentSheetOpen(mp)).toBe(true)
  await expect(mp.type({ placeholder: '同意隐私保护指引后可填写' }, '小李')).rejects.toThrow(/disabled/)
  expect(await step(mp, '拒绝', () => refuseInConsentSheet(mp))).toEqual(['privacy prompt → disagree', 'requirePrivacyAuthorize → fail 104'])
  await expect(mp.type({ placeholder: '同意隐私保护指引后可填写' }, '小李')).rejects.toThrow(/disabled/)
  await mp.wait(10_000)
  expect(await step(mp, '阅读并同意', () => mp.tap({ text: '阅读并同意' }))).toEqual(['privacy prompt → listener called (requirePrivacyAuthorize)'])
  expect(await step(mp, '同意', () => agreeInConsentSheet(mp))).toEqual(AGREED_BY_SHEET)
  expect(await step(mp, 'type nickname', () => mp.type({ placeholder: '请输入昵称' }, '小李'))).toEqual(['nickname input → nickname keyboard'])
  expectCleanRun(mp, 'nickname after the guide changed')
})

it('WX-PHONE-5, WX-PHONE-2: checkout with the phone button (member, agreed at login): the code goes to the server', async () => {
  const mp = await launchWithCart()
  await login(mp)
  expect(await step(mp, '去结算', () => goToCheckout(mp))).toEqual([])
  expect(mp.text()).toMatch(/仅供配送员联系你完成本单/)
  mp.user.will('phoneNumber', 'allow')
  // The phone button is offered to members only, and logging in synced the agreement: no sheet now.
  expect(await step(mp, 'tap 一键填写微信手机号', () => mp.tap({ openType: 'getPhoneNumber' }))).toEqual(['getPhoneNumber button → allow'])
  expect(mp.requests.some((request) => /phone/.test(request.path) && request.method === 'POST' && request.status === 200)).toBe(true)
  expect(mp.text()).toMatch(/138\*{4}8000/)
  await fillDelivery(mp, { name: '王小明', city: '上海', address: '静安区南京西路 1 号' })
  expect(await step(mp, '提交订单 → 确认支付', () => placeAndPay(mp))).toEqual([])
  expect(mp.text()).toMatch(/支付成功/)
  expectCleanRun(mp, 'checkout with the phone button')
})

it('WX-PHONE-3, WX-LAUNCH-3: checkout with a typed number asks for nothing', async () => {
  const mp = await launchWithCart()
  await login(mp)
  await goToCheckout(mp)
  expect(await step(mp, 'type contact', () => fillDelivery(mp, { name: '王小明', phone: '13912345678', city: '上海', address: '静安区南京西路 1 号' }))).toEqual([])
  expect(await step(mp, '提交订单 → 确认支付', () => placeAndPay(mp))).toEqual([])
  expectCleanRun(mp, 'checkout with a typed number')
})

it('WX-LOC-3, WX-LOC-1, WX-PRIV-1, WX-PRIV-3: a visitor\'s pickup: the sheet, then location refused leaves the outlet list; a later tap fails without a prompt; 去设置开启 from a tap', async () => {
  const mp = await launchWithCart()
  // A visitor (no login, so no agreement yet): the location tap raises the consent sheet first.
  await goToCheckout(mp)
  expect(await step(mp, '自提', () => mp.tap({ text: '自提' }))).toEqual([])
  expect(mp.text()).toMatch(/无需填写姓名和手机号/)
  mp.user.will('authorize', 'deny')
  expect(await step(mp, 'tap 使用我的大致位置', () => mp.tap({ text: '使用我的大致位置' }))).toEqual([
    'getPrivacySetting → needAuthorization true',
    'privacy prompt → listener called (requirePrivacyAuthorize)',
  ])
  expect(await step(mp, '同意', () => agreeInConsentSheet(mp))).toEqual([
    'agreePrivacyAuthorization button → tap #privacy-agree-btn',
    'privacy prompt → agree',
    'requirePrivacyAuthorize → ok',
    'authorize prompt → scope.userFuzzyLocation deny',
    'getFuzzyLocation → fail auth deny',
  ])
  expect(mp.text()).toMatch(/未获取你的位置/)
  expect(mp.findAll({ className: 'outlet-picker__outlet' }).length).toBeGreaterThan(0)
  expect(await step(mp, 'tap 使用我的大致位置 again', () => mp.tap({ text: '使用我的大致位置' }))).toEqual(['getFuzzyLocation → fail auth deny'])
  mp.user.will('openSetting', 'allow')
  const settings = await step(mp, 'tap 去设置开启', () => mp.tap({ text: '去设置开启' }))
  expect(settings[0]).toBe('openSetting → scopes turned on')
  expectCleanRun(mp, 'pickup with location refused')
})

it('WX-SUB-1, WX-SUB-3: subscribe from the tap; the same call outside a tap is rejected', async () => {
  const mp = await launchWithPaidOrder()
  mp.user.will('subscribe', 'accept')
  expect(await step(mp, 'tap 订阅发货通知', () => mp.tap({ text: '订阅发货通知' }))).toEqual(['requestSubscribeMessage → 2 × accept'])
  expect(mp.text()).toMatch(/已订阅发货通知/)
  expect(mp.requests.some((request) => /subscriptions/.test(request.path) && request.status < 300)).toBe(true)
  // A programmatic call (no tap) fails as WeChat fails it.
  const failure = await new Promise((resolve) => {
    const api = mp.wx.requestSubscribeMessage as (options: object) => void
    api({ tmplIds: ['any'], success: resolve, fail: resolve })
  })
  expect(failure).toEqual({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' })
  expectCleanRun(mp, 'subscribe from the tap')
})

it('WX-DATA-1: my orders, then 删除我的数据 deletes the account on the server and clears the device', async () => {
  const mp = await launchWithPaidOrder()
  await mp.switchTab(TABS.mine)
  expect(await step(mp, '我的订单', () => mp.tap({ text: /^我的订单/ }))).toEqual([])
  await mp.waitForText(/¥\d+\.\d{2}/)
  expect(mp.text()).not.toMatch(/还没有订单/)
  await mp.goBack()
  await mp.tap({ text: /^隐私与数据/ })
  mp.user.will('modal', 'allow')
  const usersBefore = await h.backend.db.query<{ n: number }>('select count(*)::int as n from users')
  expect(await step(mp, '删除我的数据 → 永久删除', () => mp.tap(mp.find({ text: '删除我的数据', role: 'button' })))).toEqual([])
  // The page falls back to the visitor's view (its "你的数据已全部删除" message unmounts with the member view).
  expect(mp.text()).toMatch(/你未登录/)
  const usersAfter = await h.backend.db.query<{ n: number }>('select count(*)::int as n from users')
  expect((usersAfter[0]?.n ?? 0)).toBe((usersBefore[0]?.n ?? 0) - 1)
  expect([...mp.device.storage.keys()].filter((key) => /session|cart/.test(key))).toEqual([])
  expectCleanRun(mp, 'orders and delete my data')
})

it('WX-PHONE-4, WX-LOGIN-5, WX-PRIV-4, WX-PRIV-9, WX-LOC-3: after refusals, a relaunch asks nothing again', async () => {
  const first = await launchWithCart()
  await openLoginSheet(first)
  await tapOneTapLogin(first)
  expect(await step(first, '拒绝 the consent sheet', () => refuseInConsentSheet(first))).toEqual([
    'privacy prompt → disagree',
    'requirePrivacyAuthorize → fail 104',
  ])
  // Disagree keeps browsing and the cart; no wx.login was made.
  expect(first.text()).toMatch(/我的购物车1 件/)
  expect(first.requests.some((request) => request.path === '/api/auth/login')).toBe(false)
  await first.wait(10_000)
  expect(await step(first, '登录 → 微信一键登录 again', () => login(first))).toEqual([
    'privacy prompt → listener called (requirePrivacyAuthorize)',
    ...AGREED_BY_SHEET,
    'login → ok',
  ])
  await goToCheckout(first)
  first.user.will('phoneNumber', 'deny').will('authorize', 'deny')
  expect(await step(first, 'deny the phone number', () => first.tap({ openType: 'getPhoneNumber' }))).toEqual(['getPhoneNumber button → deny'])
  await first.tap({ text: '自提' })
  expect(await step(first, 'deny the fuzzy location', () => first.tap({ text: '使用我的大致位置' }))).toEqual([
    'authorize prompt → scope.userFuzzyLocation deny',
    'getFuzzyLocation → fail auth deny',
  ])
  expectCleanRun(first, 'refusals before a relaunch')

  const again = await h.relaunch(first)
  expectLaunchAsksNothing(again)
  for (const tab of Object.values(TABS)) expect(await step(again, `relaunch: tab ${tab}`, () => again.switchTab(tab))).toEqual([])
  expect(again.text()).toMatch(/退出登录/) // the session survived in storage
  // WX-PROFILE-6: the profile page reads the agreement on opening; it is recorded, so no sheet.
  expect(await step(again, 'relaunch: 编辑资料', () => again.tap({ text: '编辑资料' }))).toEqual(['getPrivacySetting → needAuthorization false'])
  await again.goBack()
  expect(await step(again, 'relaunch: 去结算', () => goToCheckout(again))).toEqual([])
  expect(await step(again, 'relaunch: 自提', () => again.tap({ text: '自提' }))).toEqual([])
  expect(consentSheetOpen(again)).toBe(false)
  expectCleanRun(again, 'relaunch after refusals')
})

it('WX-PRIV-9: typed contact as a visitor: 提交订单 syncs the agreement first; 拒绝 keeps the cart and the form; after 同意 a relaunch does not ask again', async () => {
  const first = await launchWithCart()
  await goToCheckout(first)
  const contact = { name: '王小明', phone: '13912345678', city: '上海', address: '静安区南京西路 1 号' }
  await fillDelivery(first, contact)
  expect(await step(first, '提交订单 (typed contact)', () => first.tap({ text: '提交订单', role: 'button' }))).toEqual(AGREEMENT_SYNC_ASKED)
  expect(consentSheetOpen(first)).toBe(true)
  expect(await step(first, '拒绝', () => refuseInConsentSheet(first))).toEqual(['privacy prompt → disagree', 'requirePrivacyAuthorize → fail 104'])
  // Nothing typed was sent, and nothing is lost: the form and the cart stay as they were.
  expect(first.requests.some((request) => request.path.startsWith('/api/orders') && request.method === 'POST')).toBe(false)
  expect(first.route).toBe('packageShop/checkout/index')
  expect(first.text()).toMatch(/商品（1 件）/)
  expect(first.find({ placeholder: '请输入手机号' }).attr('value')).toBe(contact.phone)
  expect(first.find({ placeholder: '街道、门牌号' }).attr('value')).toBe(contact.address)
  await first.wait(10_000)
  expect(await step(first, '提交订单 again', () => first.tap({ text: '提交订单', role: 'button' }))).toEqual([
    'privacy prompt → listener called (requirePrivacyAuthorize)',
  ])
  // After 同意 the order needs an account: the login sheet, whose 微信一键登录 now asks nothing more.
  expect(await step(first, '同意', () => agreeInConsentSheet(first))).toEqual(AGREED_BY_SHEET)
  expect(await step(first, '微信一键登录', () => tapOneTapLogin(first))).toEqual(['login → ok'])
  expectCleanRun(first, 'typed contact: consent sheet first')

  const again = await h.relaunch(first)
  expectLaunchAsksNothing(again)
  await step(again, 'product → 加入购物车', async () => {
    await openFirstProduct(again)
    await addToCart(again)
  })
  await goToCheckout(again)
  await fillDelivery(again, contact)
  // A new launch reads the recorded agreement once; no sheet, no prompt.
  expect(await step(again, 'relaunch: 提交订单 → 确认支付', () => placeAndPay(again))).toEqual(['getPrivacySetting → needAuthorization false'])
  expect(consentSheetOpen(again)).toBe(false)
  expectCleanRun(again, 'typed contact after a relaunch')
})

it('WX-DATA-5: 隐私与数据 deletes one subscription record at a time, on the server too', async () => {
  const mp = await launchWithPaidOrder()
  mp.user.will('subscribe', 'accept')
  await mp.tap({ text: '订阅发货通知' })
  await mp.switchTab(TABS.mine)
  await mp.tap({ text: /^隐私与数据/ })
  const count = async () => (await h.backend.db.query<{ n: number }>('select count(*)::int as n from subscriptions'))[0]?.n ?? 0
  const before = await count()
  const deletes = () => mp.findAll({ className: 'my-data__delete' })
  const shown = deletes().length
  mp.user.will('modal', 'allow')
  const last = deletes()[shown - 1]
  if (!last) throw new Error(`no delete control on ${mp.route}:\n${mp.text()}`)
  expect(await step(mp, '删除 one subscription', () => mp.tap(last))).toEqual([])
  await mp.waitForText(/已删除订阅记录/)
  expect(deletes()).toHaveLength(shown - 1)
  expect(await count()).toBe(before - 1)
  // Only that item: the account and its order remain.
  expect(mp.text()).not.toMatch(/你未登录/)
  expectCleanRun(mp, 'per-item deletion')
})

it('WX-OPS-1: 我的 → 联系我们 shows the operator and WeChat\'s customer-service button, asking nothing', async () => {
  const mp = await h.launch()
  await mp.switchTab(TABS.mine)
  expect(await step(mp, '联系我们', () => mp.tap({ text: /^联系我们/ }))).toEqual([])
  expect(mp.route).toBe('packageAccount/contact/index')
  expect(mp.text()).toMatch(/投诉与反馈/)
  expect(mp.find({ openType: 'contact' }).text).toBe('联系客服')
  expectCleanRun(mp, '联系我们')
})

it('setData budget: no single interaction sends over 64 KB (report in docs/performance.md)', async () => {
  const report = writeSetDataReport(await measureLaunchCost(h))
  expect(report.steps.length).toBeGreaterThan(20)
  expect(report.largestStep.bytes).toBeLessThanOrEqual(64 * 1024)
})
