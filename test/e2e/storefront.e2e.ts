/**
 * One person's visit, in order, in a real browser against the real backend: browse as a visitor,
 * decline and then accept login, fill in the profile, check out, subscribe, see the order, log out,
 * and delete everything. Each step asserts what the user sees and what the server holds.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { answerModal, byText, goTab, isVisible, OVERLAYS, ROOT, screenshot, startE2E, stopE2E, tap, topPage, visible, type E2E } from './harness'
import { recordTiming, writeReport } from './report'

let e2e: E2E
const routes = {
  home: '/pages/index/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  mine: '/pages/mine/index',
  privacy: '/packagePrivacy/index',
  profile: '/packageAccount/profile/index',
}

// Starting the backend and Chromium can take a while on a busy machine; this only catches hangs.
beforeAll(async () => {
  e2e = await startE2E()
}, 180_000)

afterAll(async () => {
  await writeReport(e2e)
  await stopE2E(e2e)
})

async function expectNoOverlay(): Promise<void> {
  for (const [name, selector] of Object.entries(OVERLAYS)) {
    expect({ overlay: name, visible: await isVisible(e2e.page, selector) }).toEqual({ overlay: name, visible: false })
  }
}

async function cartCount(): Promise<number> {
  return e2e.page.evaluate(() => {
    const raw = window.localStorage.getItem('shop.cart.v1')
    if (!raw) return 0
    // Taro H5 wraps stored values as {data: …}.
    const parsed = JSON.parse(raw) as { data?: string } | string
    const text = typeof parsed === 'string' ? parsed : (parsed.data ?? '')
    const cart = JSON.parse(text) as { lines?: Array<{ quantity: number }> }
    return (cart.lines ?? []).reduce((sum, line) => sum + line.quantity, 0)
  })
}

describe('a visitor browses with nothing forced on them', () => {
  it('WX-LAUNCH-1: the home page shows products at once and nothing pops up', async () => {
    const { page, backend } = e2e
    const started = Date.now()
    await page.goto(`${backend.url}/`)
    await visible(page, '.product-card').first().waitFor({ timeout: 20_000 })
    recordTiming('homeProductsVisibleMs', Date.now() - started)
    await page.waitForTimeout(1000)
    expect(await visible(page, '.product-card').count()).toBeGreaterThanOrEqual(4)
    await expectNoOverlay()
    await screenshot(page, '01-home')
  })

  it('WX-LAUNCH-2: categories list products for a visitor', async () => {
    const { page } = e2e
    await goTab(page, '分类')
    await visible(page, '.product-card').first().waitFor()
    await expectNoOverlay()
    await screenshot(page, '02-category')
  })

  it('WX-LAUNCH-2: product detail with SKU choice adds to the cart without login', async () => {
    const { page } = e2e
    await visible(page, '.product-card').first().click()
    await byText(page, '加入购物车').waitFor()
    await byText(page, '规格').waitFor()
    await screenshot(page, '03-product')
    await tap(page, '加入购物车')
    await page.waitForTimeout(300)
    expect(await cartCount()).toBe(1)
    await expectNoOverlay()
  })

  it('WX-LAUNCH-2: search finds products and adds one more to the cart', async () => {
    const { page } = e2e
    await goTab(page, '首页')
    await visible(page, '.search-entry').first().click()
    const input = visible(page, 'input').first()
    await input.fill('苹果')
    await input.press('Enter')
    await visible(page, '.product-card').first().waitFor()
    await page.waitForLoadState('networkidle')
    await screenshot(page, '04-search')
    expect(await visible(page, '.product-card').first().innerText()).toContain('苹果')
    await visible(page, '.product-card').first().click()
    await byText(page, '加入购物车').waitFor()
    await tap(page, '加入购物车')
    await page.waitForTimeout(300)
    expect(await cartCount()).toBe(2)
  })

  it('WX-LAUNCH-2: the cart works for a visitor: quantities and totals', async () => {
    const { page } = e2e
    await goTab(page, '购物车')
    await visible(page, '.cart-line').first().waitFor()
    expect(await visible(page, '.cart-line').count()).toBe(2)
    await expectNoOverlay()
    await screenshot(page, '05-cart')
  })
})

describe('login is optional and cancellable', () => {
  it('WX-LOGIN-2: 暂不登录 closes the sheet and the cart is intact', async () => {
    const { page } = e2e
    await goTab(page, '我的')
    await byText(page, '未登录').waitFor()
    await expectNoOverlay()
    await tap(page, '登录')
    await visible(page, OVERLAYS.login).waitFor()
    await screenshot(page, '06-login-sheet')
    await tap(page, '暂不登录')
    await visible(page, OVERLAYS.login).waitFor({ state: 'detached' }).catch(() => undefined)
    expect(await isVisible(page, OVERLAYS.login)).toBe(false)
    expect(await cartCount()).toBe(2)
    await byText(page, '未登录').waitFor()
  })

  it('WX-PRIV-9: before the first login the consent sheet asks; 拒绝 says what will not work and keeps the cart', async () => {
    const { page } = e2e
    await tap(page, '登录')
    expect(await visible(page, OVERLAYS.login).innerText()).toMatch(/登录前请阅读《.*隐私保护指引》/)
    await tap(page, '微信一键登录')
    await visible(page, OVERLAYS.consent).waitFor()
    expect(await visible(page, OVERLAYS.consent).innerText()).toContain('使用「微信登录身份」前')
    await screenshot(page, '11-consent-sheet')
    await visible(page, OVERLAYS.consent).getByText('拒绝', { exact: true }).click()
    await byText(page, '未同意隐私保护指引，暂时无法登录；浏览商品和购物车不受影响').waitFor()
    expect(await storedSession()).toBeNull()
    expect(await cartCount()).toBe(2)
  })

  it('WX-LOGIN-3: 微信一键登录 logs in through our server (sandbox WeChat) and keeps only our token', async () => {
    const { page } = e2e
    // WX-PRIV-9: a new tap asks again; agreeing lets the login go on.
    await tap(page, '微信一键登录')
    await visible(page, OVERLAYS.consent).getByText('同意', { exact: true }).click()
    await byText(page, '编辑资料').waitFor()
    const stored = await page.evaluate(() => window.localStorage.getItem('session.v1') ?? '')
    expect(stored).toContain('token')
    expect(stored).not.toMatch(/session_?key|openid/i)
    expect(await cartCount()).toBe(2)
  })
})

describe('the profile is filled in only where the user chooses to', () => {
  it('WX-PROFILE-1: avatar from the picker and nickname from the nickname input, saved on the server', async () => {
    const { page, backend } = e2e
    await tap(page, '编辑资料')
    await byText(page, '保存昵称').waitFor()
    await expectNoOverlay()

    // Any PNG will do as the user's photo: take one the backend serves.
    const photo = path.join(os.tmpdir(), `e2e-avatar-${Date.now()}.png`)
    fs.writeFileSync(photo, Buffer.from(await (await fetch(`${backend.url}/api/images/products/p002/0.png`)).arrayBuffer()))
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.profile__avatar-button').click()])
    await chooser.setFiles(photo)
    await byText(page, '头像已更新').waitFor()
    // The avatar shown is the one the server now serves from its rotating private URL.
    expect(await visible(page, '.profile__avatar img').first().getAttribute('src')).toMatch(/\/api\/avatars\/[\w-]+\.png$/)

    // Taro's H5 input is a bare <input> carrying the class (html components) or wraps one.
    const nickname = visible(page, 'input.profile__input, .profile__input input').first()
    await nickname.fill('测试小王')
    await tap(page, '保存昵称')
    await byText(page, '昵称已保存').waitFor()
    await screenshot(page, '07-profile')

    await page.goBack()
    await byText(page, '测试小王').waitFor()
    expect(await visible(page, '.mine__avatar-image').count()).toBe(1)
  })

  it('WX-PROFILE-4: another user never sees this user\'s nickname or avatar', async () => {
    const { browser, backend } = e2e
    const other = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
    await other.goto(`${backend.url}/#${routes.mine}`)
    await byText(other, '登录').click()
    await byText(other, '微信一键登录').click()
    await visible(other, OVERLAYS.consent).getByText('同意', { exact: true }).click()
    await byText(other, '编辑资料').waitFor()
    expect(await other.locator('body').innerText()).not.toContain('测试小王')
    expect(await visible(other, '.mine__avatar-image').count()).toBe(0)
    await other.close()
  })
})

describe('typed contact waits for the privacy guide', () => {
  it('WX-PRIV-9: a visitor\'s typed contact is sent only after the consent sheet; 拒绝 keeps the form and the cart', async () => {
    const { browser, backend } = e2e
    const visitor = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
    try {
      await visitor.goto(`${backend.url}/#/packageShop/product/index?id=p002`)
      await byText(visitor, '加入购物车').click()
      await visitor.goto(`${backend.url}/#/packageShop/checkout/index`)
      const fill = (placeholder: string, value: string) => visible(visitor, `input[placeholder="${placeholder}"]`).first().fill(value)
      await fill('请填写姓名', '李四')
      await fill('请输入手机号', '13900001111')
      await fill('如：上海', '上海')
      await fill('街道、门牌号', '徐汇区漕溪北路 1 号')
      expect(await visible(visitor, '[data-testid="privacy-guide-link"]').count()).toBe(1)
      const posted: string[] = []
      visitor.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/api/')) posted.push(request.url())
      })
      await byText(visitor, '提交订单').click()
      await visible(visitor, OVERLAYS.consent).waitFor()
      expect(await visible(visitor, OVERLAYS.consent).innerText()).toContain('使用「收货人与地址」前')
      expect(await isVisible(visitor, OVERLAYS.login)).toBe(false)
      await visible(visitor, OVERLAYS.consent).getByText('拒绝', { exact: true }).click()
      await byText(visitor, '未同意隐私保护指引，暂时无法提交需要填写联系人的订单；已填写的内容和购物车都已保留').waitFor()
      expect(await visible(visitor, 'input[placeholder="请填写姓名"]').first().inputValue()).toBe('李四')
      expect(posted).toEqual([])
      // Agreeing goes on to the login sheet (an account is needed to order); 暂不登录 keeps everything.
      await byText(visitor, '提交订单').click()
      await visible(visitor, OVERLAYS.consent).getByText('同意', { exact: true }).click()
      await visible(visitor, OVERLAYS.login).waitFor()
      await byText(visitor, '暂不登录').click()
      expect(posted).toEqual([])
    } finally {
      await visitor.close()
    }
  })
})

/** The session the app stored (H5 storage wraps values as {data}). */
async function storedSession(): Promise<{ token: string; user: { id: string } } | null> {
  const raw = await e2e.page.evaluate(() => window.localStorage.getItem('session.v1'))
  if (!raw) return null
  const wrapped = JSON.parse(raw) as { data?: string } | string
  const text = typeof wrapped === 'string' ? wrapped : (wrapped.data ?? '')
  return text ? (JSON.parse(text) as { token: string; user: { id: string } }) : null
}

async function api<T>(apiPath: string): Promise<{ status: number; body: T }> {
  const session = await storedSession()
  const response = await fetch(`${e2e.backend.url}${apiPath}`, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} })
  return { status: response.status, body: (await response.json().catch(() => null)) as T }
}

async function fillField(placeholder: string, value: string): Promise<void> {
  await visible(e2e.page, `input[placeholder="${placeholder}"]`).first().fill(value)
}

async function payAndFinish(): Promise<void> {
  const { page } = e2e
  await byText(page, '提交订单').click()
  await visible(page, '.pay-sheet').first().waitFor()
  // The server says which provider pays; only the sandbox is called 模拟支付 (WX-PAY-1).
  await visible(page, '.pay-sheet').getByText(/^模拟支付 ¥/).first().waitFor()
  await screenshot(page, '09-pay-sheet')
  await visible(page, '.pay-sheet').getByText(/^确认支付/).first().click()
  await byText(page, '支付成功').waitFor()
}

async function addFirstProductToCart(): Promise<void> {
  const { page } = e2e
  await goTab(page, '首页')
  await visible(page, '.product-card').nth(2).click()
  await byText(page, '加入购物车').click()
  await page.waitForTimeout(300)
}

let deletedUserId = ''

describe('checkout asks only for what it needs, when it needs it', () => {
  it('WX-PHONE-2: the reason is stated beside the WeChat phone button, and WX-UI-4 the payment is announced', async () => {
    const { page } = e2e
    await goTab(page, '购物车')
    await page.getByText(/^去结算/).filter({ visible: true }).first().click()
    await byText(page, '一键填写微信手机号').waitFor()
    expect(await byText(page, '仅供配送员联系你完成本单；加密保存至你在隐私与数据删除').isVisible()).toBe(true)
    expect(await topPage(page).getByText(/提交订单后将进入支付，需支付 ¥\d+\.\d{2}/).isVisible()).toBe(true)
    await expectNoOverlay()
    await screenshot(page, '08-checkout')
  })

  it('WX-PHONE-3: a number typed by hand places a delivery order, paid in the sandbox', async () => {
    await fillField('请填写姓名', '王小明')
    await fillField('请输入手机号', '13912345678')
    await fillField('如：上海', '上海')
    await fillField('街道、门牌号', '静安区南京西路 1 号')
    await payAndFinish()
    await screenshot(e2e.page, '10-order-result')
    expect(await cartCount()).toBe(0)
  })

  it('WX-SUB-1: 订阅发货通知 asks only on the tap; WX-SUB-3 the answer is recorded by the server', async () => {
    const { page } = e2e
    expect(await isVisible(page, OVERLAYS.modal)).toBe(false)
    await tap(page, '订阅发货通知')
    await answerModal(page, 'confirm')
    await byText(page, '已订阅发货通知，有进展时会通知你').waitFor()
    const data = await api<{ subscriptions: Array<{ decision: string }> }>('/api/me/data')
    expect(data.body.subscriptions.map((item) => item.decision)).toContain('accept')
  })

  it('WX-LOC-3: pickup with the location refused: the outlet list still finishes the order, with no phone (WX-LAUNCH-3)', async () => {
    const { page } = e2e
    await addFirstProductToCart()
    await goTab(page, '购物车')
    await page.getByText(/^去结算/).filter({ visible: true }).first().click()
    await tap(page, '自提')
    await tap(page, '使用我的大致位置')
    // Agreed before the login (WX-PRIV-9): no second consent sheet, only the location prompt.
    await answerModal(page, 'cancel')
    expect(await isVisible(page, OVERLAYS.consent)).toBe(false)
    await visible(page, '.outlet-picker__notice').waitFor()
    expect(await visible(page, '[data-testid="nearest-outlets"]').count()).toBe(0)
    await visible(page, '.outlet-picker__outlet').first().click()
    // Pickup needs neither a name nor a phone: the order number is enough.
    expect(await byText(page, '到店凭订单号取货，无需填写姓名和手机号').isVisible()).toBe(true)
    expect(await visible(page, 'input[placeholder="请输入手机号"]').count()).toBe(0)
    await screenshot(page, '12-pickup')
    await payAndFinish()
    const stored = await page.evaluate(() => JSON.stringify(window.localStorage))
    expect(stored).not.toMatch(/31\.23|121\.47|latitude|longitude/)
  })

  it('WX-LOC-3: after a refusal, 去设置开启 from a tap re-enables location and 门店 lists the nearest outlets (WX-LOC-2 reason shown)', async () => {
    const { page } = e2e
    await goTab(page, '我的')
    await tap(page, '门店')
    await byText(page, '使用我的大致位置').waitFor()
    expect(await byText(page, '用于推荐离你最近的门店，不会获取精确位置').isVisible()).toBe(true)
    await tap(page, '使用我的大致位置')
    // Refused earlier in this visit: no prompt by itself, the way back is the settings page.
    await visible(page, '.outlet-picker__notice').waitFor()
    expect(await isVisible(page, OVERLAYS.modal)).toBe(false)
    await tap(page, '去设置开启')
    await answerModal(page, 'confirm')
    await visible(page, '[data-testid="nearest-outlets"]').waitFor()
    expect(await visible(page, '[data-testid="nearest-outlets"] .outlet-picker__outlet').count()).toBeGreaterThan(0)
    await screenshot(page, '15-outlets-nearest')
  })

  it('WX-PHONE-5: the WeChat phone button fills the number through the server, and it is reused next time', async () => {
    const { page } = e2e
    await addFirstProductToCart()
    await goTab(page, '购物车')
    await page.getByText(/^去结算/).filter({ visible: true }).first().click()
    await tap(page, '一键填写微信手机号')
    await answerModal(page, 'confirm')
    await topPage(page).getByText(/138\*{4}8000/).first().waitFor()
    await fillField('请填写姓名', '王小明')
    await fillField('如：上海', '上海')
    await fillField('街道、门牌号', '静安区南京西路 1 号')
    await payAndFinish()
    const me = await api<{ phoneMasked: string | null }>('/api/me')
    expect(me.body.phoneMasked).toBe('138****8000')

    await addFirstProductToCart()
    await goTab(page, '购物车')
    await page.getByText(/^去结算/).filter({ visible: true }).first().click()
    await topPage(page).getByText(/138\*{4}8000/).first().waitFor()
    expect(await byText(page, '一键填写微信手机号').isVisible().catch(() => false)).toBe(false)
  })

  it('WX-LOGIN-1: 我的订单 lists the member\'s orders', async () => {
    const { page } = e2e
    await goTab(page, '我的')
    await tap(page, '我的订单')
    await visible(page, '.orders__row').first().waitFor()
    expect(await visible(page, '.orders__row').count()).toBe(3)
    await screenshot(page, '13-orders')
  })
})

describe('the user\'s data rights', () => {
  it('WX-DATA-2: 隐私与数据 shows what the server holds', async () => {
    const { page } = e2e
    await goTab(page, '我的')
    await tap(page, '隐私与数据')
    await visible(page, '[data-testid="my-data"]').getByText('订单 3 个', { exact: false }).waitFor()
    expect(await topPage(page).innerText()).toContain('测试小王')
    await screenshot(page, '14-privacy-data')
  })

  it('WX-DATA-5: the saved phone is deleted on its own; the orders and the rest stay', async () => {
    const { page } = e2e
    expect((await api<{ phone: unknown }>('/api/me/data')).body.phone).not.toBeNull()
    await visible(page, '[data-testid="delete-phone"]').click()
    await answerModal(page, 'confirm')
    await byText(page, '已删除保存的手机号').waitFor()
    const data = await api<{ phone: unknown; orderCount: number }>('/api/me/data')
    expect(data.body).toMatchObject({ phone: null, orderCount: 3 })
  })

  it('WX-DATA-1: 删除我的数据 deletes the account on the server and clears this device', async () => {
    const { page } = e2e
    const session = await storedSession()
    deletedUserId = session?.user.id ?? ''
    expect(deletedUserId).not.toBe('')
    await tap(page, '删除我的数据')
    await answerModal(page, 'confirm')
    await byText(page, '你未登录').waitFor()
    expect(await storedSession()).toBeNull()
    expect(await cartCount()).toBe(0)
    const old = await fetch(`${e2e.backend.url}/api/me`, { headers: { Authorization: `Bearer ${session?.token ?? ''}` } })
    expect(old.status).toBe(401)
  })

  it('WX-LOGIN-4: a new login and logout from 我的 works', async () => {
    const { page } = e2e
    await goTab(page, '我的')
    await tap(page, '登录')
    await tap(page, '微信一键登录')
    // Deleting the data cleared this device, the agreement included: the sheet asks again.
    await visible(page, OVERLAYS.consent).getByText('同意', { exact: true }).click()
    await byText(page, '退出登录').click()
    await answerModal(page, 'confirm')
    await byText(page, '未登录').waitFor()
    expect(await storedSession()).toBeNull()
  })

  it('WX-DATA-1: after the run, no table holds a row about the deleted user', async () => {
    await e2e.backend.stop()
    const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tools/e2e/user-rows.ts', e2e.dataDir, deletedUserId], { cwd: ROOT }).toString()
    const result = JSON.parse(out) as { total: number; byTable: Record<string, number> }
    expect(Object.keys(result.byTable).length).toBeGreaterThanOrEqual(5)
    expect(result).toEqual({ total: 0, byTable: Object.fromEntries(Object.keys(result.byTable).map((table) => [table, 0])) })
    expect(e2e.externalRequests).toEqual([])
    expect(e2e.pageErrors).toEqual([])
  })
})
