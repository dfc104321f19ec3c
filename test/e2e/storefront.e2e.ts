/**
 * One person's visit, in order, in a real browser against the real backend: browse as a visitor,
 * decline and then accept login, fill in the profile, check out, subscribe, see the order, log out,
 * and delete everything. Each step asserts what the user sees and what the server holds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { byText, goTab, isVisible, OVERLAYS, screenshot, startE2E, stopE2E, tap, visible, type E2E } from './harness'
import { recordTiming, writeReport } from './report'

let e2e: E2E
const routes = {
  home: '/pages/index/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  mine: '/pages/mine/index',
  privacy: '/pages/privacy/index',
  profile: '/packageAccount/profile/index',
}

beforeAll(async () => {
  e2e = await startE2E()
})

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

  it('WX-LOGIN-3: 微信一键登录 logs in through our server (sandbox WeChat) and keeps only our token', async () => {
    const { page } = e2e
    await tap(page, '登录')
    await tap(page, '微信一键登录')
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
    expect(await visible(page, '.profile__avatar img, img.profile__avatar, .profile__avatar').first().getAttribute('src').catch(() => null) ?? '').toBeDefined()

    const nickname = visible(page, '.profile__input input').first()
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
    await byText(other, '编辑资料').waitFor()
    expect(await other.locator('body').innerText()).not.toContain('测试小王')
    expect(await visible(other, '.mine__avatar-image').count()).toBe(0)
    await other.close()
  })
})
