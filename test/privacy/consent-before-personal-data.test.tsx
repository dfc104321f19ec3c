/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * WX-PRIV-9: personal data that no WeChat privacy interface gates — the login identity and what
 * the user types at checkout — is collected only after the same consent sheet, unless the user
 * already agreed. Disagreeing keeps browsing, the cart and the form, and says what will not work.
 * The tests run in order on one app instance: nobody agrees until the last step. The server is the
 * real one: a refused consent must leave no order there, and the login after 同意 is its own.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { cartStore, sessionStore } from '@/app-root'
import CheckoutPage from '@/packageShop/checkout/index'
import MinePage from '@/pages/mine/index'
import type { OrderSummary, Page, UserProfile } from '@contract/schemas'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { createFakePlatform, flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { cartItemFromServer, memberOnDevice, openServerForFile } from '../utils/server-backend'
import { wechatTap } from '../utils/taro-button'
import { installRootForFile } from '../utils/test-root'

// These tests continue one app session: what an earlier test agreed to still holds.
const fake = createFakePlatform()
installRootForFile({ privacyPlatform: fake })
const server = openServerForFile()
const consentSheet = () => screen.queryByTestId('consent-sheet')
const PRODUCT_ID = SEED_PRODUCTS[0]?.id ?? ''

async function tap(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
    await flushPromises()
  })
  await act(flushPromises)
}

describe('WX-PRIV-9: the privacy guide before personal data no WeChat API gates', () => {
  afterEach(() => {
    fake.calls.length = 0
  })

  it('WX-PRIV-9: checkout shows the guide link, and the typed contact is sent only after the consent sheet; 拒绝 keeps the form and the cart', async () => {
    const backend = server()
    const member = await memberOnDevice(backend.app)
    cartStore.add(await cartItemFromServer(backend.app, PRODUCT_ID), 1)
    await renderPage(CheckoutPage, { path: '/packageShop/checkout/index', backend })
    // The guide's name before the first sync is WeChat's default; the link opens the guide itself.
    expect(screen.getByTestId('privacy-guide-link').textContent).toBe('《小程序用户隐私保护指引》')
    await tap('《小程序用户隐私保护指引》')
    expect(fake.calls).toEqual(['openPrivacyContract'])

    const type = (placeholder: string, value: string) => fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } })
    type('请填写姓名', '王小明')
    type('请输入手机号', '13912345678')
    type('如：上海', '上海')
    type('街道、门牌号', '黄浦区南京东路 1 号')
    await tap('提交订单')

    expect(consentSheet()).toHaveTextContent('使用「收货人与地址」前')
    expect(backend.calls.filter((call) => call.path === '/api/orders')).toEqual([])
    await tap('拒绝')
    expect(consentSheet()).toBeNull()
    expect(screen.getByRole('alert').textContent).toBe('未同意隐私保护指引，暂时无法提交需要填写联系人的订单；已填写的内容和购物车都已保留')
    expect(screen.getByPlaceholderText('请填写姓名')).toHaveValue('王小明')
    expect(cartStore.getSnapshot().count).toBe(1)
    const ordersOnServer = async () => (await member.call<Page<OrderSummary>>('GET', '/api/orders')).total
    expect(await ordersOnServer()).toBe(0)

    // A new tap asks again (it is the user's intent), never by itself.
    await tap('提交订单')
    expect(consentSheet()).not.toBeNull()
    await tap('拒绝')
    expect(backend.calls.filter((call) => call.path === '/api/orders')).toEqual([])
    expect(await ordersOnServer()).toBe(0)
  })

  it('WX-PRIV-9: 微信一键登录 shows the consent sheet before wx.login; 拒绝 says login will not work; 同意 then logs in', async () => {
    sessionStore.clear()
    const backend = server()
    cartStore.add(await cartItemFromServer(backend.app, PRODUCT_ID), 2)
    await renderPage(MinePage, { path: '/pages/mine/index', backend })
    await tap('登录')
    const loginSheet = screen.getByTestId('login-sheet')
    expect(loginSheet).toHaveTextContent('登录前请阅读《测试小店隐私保护指引》')

    await tap('微信一键登录')
    expect(consentSheet()).toHaveTextContent('使用「微信登录身份」前')
    expect(fake.calls).not.toContain('login')
    await tap('拒绝')
    expect(screen.getByTestId('login-sheet')).toHaveTextContent('未同意隐私保护指引，暂时无法登录；浏览商品和购物车不受影响')
    expect(fake.calls).not.toContain('login')
    expect(backend.calls.filter((call) => call.path === '/api/auth/login')).toEqual([])
    expect(cartStore.getSnapshot().count).toBe(2)

    await tap('微信一键登录')
    await act(async () => {
      wechatTap(screen.getByText('同意').closest('[data-open-type]') as HTMLElement, 'agreePrivacyAuthorization')
      await flushPromises()
    })
    await act(flushPromises)
    expect(fake.calls.filter((call) => call === 'login')).toHaveLength(1)
    expect(backend.calls.find((call) => call.path === '/api/auth/login')?.body).toEqual({ code: 'code-from-wx-login' })
    await waitFor(() => expect(screen.queryByTestId('login-sheet')).toBeNull())
    // The session is the one the server issued for that code: it answers /api/me with it.
    const me = await backend.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${sessionStore.token()}` } })
    expect(me.statusCode).toBe(200)
    expect(me.json<UserProfile>().id).toBe(sessionStore.getSnapshot().user?.id)
  })
})
