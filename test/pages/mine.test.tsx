import { act, fireEvent, screen } from '@testing-library/react'
import { cartStore } from '@/app-root'
import MinePage from '@/pages/mine/index'
import { CART_STORAGE_KEY } from '@/state/cart'
import { createFakeBackend } from '../utils/fake-backend'
import { renderPage } from '../utils/render-page'
import { agreedToPrivacyGuideEarlier, storeSession, TEST_LOGIN, TEST_USER } from '../utils/session'
import { PRIVACY_AND_AUTH_APIS, taroFake } from '../utils/taro-api'

const PATH = '/pages/mine/index'
const USER = TEST_USER
const LOGIN = TEST_LOGIN

const sheet = () => document.querySelector('[data-testid="login-sheet"]')
const loginButton = () => screen.getByText('登录', { selector: '.mine__login' })
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))

function expectNoAuthCalls() {
  const called = taroFake.apiNames()
  for (const name of PRIVACY_AND_AUTH_APIS) expect(called).not.toContain(name)
}


function addToCart() {
  cartStore.add({ productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/x.png', stock: 12 }, 2)
}

describe('我的: optional login', () => {
  it('WX-LOGIN-1: the login sheet is not shown on launch, nor later by itself, and nothing calls wx.login', async () => {
    const { show } = await renderPage(MinePage, { path: PATH, backend: null, launch: true })
    screen.getByText('未登录')
    expect(sheet()).toBeNull()
    await show()
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(sheet()).toBeNull()
    expect(taroFake.callsTo('showModal')).toEqual([])
    expectNoAuthCalls()
  })

  it('WX-LOGIN-1: it opens only on a tap of 登录, with 微信一键登录 and an equally visible 暂不登录', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(loginButton())
    expect(sheet()?.getAttribute('role')).toBe('dialog')
    const primary = screen.getByText('微信一键登录')
    const dismiss = screen.getByText('暂不登录')
    expect(primary.className).toContain('login-sheet__primary')
    expect(dismiss.className).toContain('login-sheet__dismiss')
    // Opening the sheet asks WeChat for nothing yet.
    expectNoAuthCalls()
  })

  it('WX-LOGIN-2: 暂不登录 closes it, the user stays where they were and the cart is intact', async () => {
    addToCart()
    const storedBefore = taroFake.storage.get(CART_STORAGE_KEY)
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('暂不登录'))
    expect(sheet()).toBeNull()
    expect(cartStore.getSnapshot().count).toBe(2)
    expect(taroFake.storage.get(CART_STORAGE_KEY)).toBe(storedBefore)
    expect(taroFake.callsTo('navigateTo')).toEqual([])
    screen.getByText('未登录')
    expectNoAuthCalls()
  })

  it('WX-UI-1: the sheet has a visible close control that closes it (and so does the mask)', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByLabelText('关闭'))
    expect(sheet()).toBeNull()
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByTestId('login-sheet-mask'))
    expect(sheet()).toBeNull()
  })

  it('WX-LOGIN-3: 微信一键登录 sends the wx.login code to our server and keeps only its token', async () => {
    addToCart()
    const backend = createFakeBackend()
    backend.respond('/api/auth/login', { status: 200, body: LOGIN })
    taroFake.override('login', () => ({ code: 'code-123', errMsg: 'login:ok' }))
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    await flush()

    expect(taroFake.callsTo('login')).toHaveLength(1)
    expect(backend.calls.find((call) => call.path === '/api/auth/login')).toMatchObject({ method: 'POST', body: { code: 'code-123' } })
    expect(sheet()).toBeNull()
    screen.getByText('小王')
    expect(JSON.parse(String(taroFake.storage.get('session.v1'))).token).toBe('server-token')
    expect(cartStore.getSnapshot().count).toBe(2)
  })

  it('a 415 on login shows a plain login error, never the avatar upload\'s image-type message', async () => {
    const backend = createFakeBackend()
    backend.respond('/api/auth/login', { status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Media Type' } } })
    taroFake.override('login', () => ({ code: 'code-415', errMsg: 'login:ok' }))
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    await flush()
    const text = sheet()?.textContent ?? ''
    expect(text).toContain('请求出错了，请稍后重试')
    expect(text).not.toContain('PNG')
  })

  it('WX-LOGIN-3: a WeChat error keeps the sheet open with a plain message', async () => {
    const backend = createFakeBackend()
    backend.respond('/api/auth/login', { status: 400, body: { error: { code: 'WECHAT_INVALID_CODE', message: 'invalid code' } } })
    taroFake.override('login', () => ({ code: 'stale', errMsg: 'login:ok' }))
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    await flush()
    expect(sheet()).not.toBeNull()
    screen.getByText('登录凭证已失效，请重试')
    expect(taroFake.storage.has('session.v1')).toBe(false)
  })

  it('WX-LOGIN-1: 我的订单 needs an account: a visitor gets the sheet with the reason, cancel stays here', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('我的订单'))
    screen.getByText('登录后可查看你的订单')
    fireEvent.click(screen.getByText('暂不登录'))
    await flush()
    expect(taroFake.callsTo('navigateTo')).toEqual([])
  })

  it('WX-LOGIN-3: an expired token turns the member back into a visitor, and 我的订单 asks again', async () => {
    storeSession()
    const backend = createFakeBackend()
    backend.respond('/api/me', { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'session expired' } } })
    await renderPage(MinePage, { path: PATH, backend })
    await flush()
    expect(backend.calls[0]?.headers.Authorization).toBe('Bearer server-token')
    screen.getByText('未登录')
    expect(taroFake.storage.has('session.v1')).toBe(false)
    expect(sheet()).toBeNull()

    fireEvent.click(screen.getByText('我的订单'))
    expect(sheet()).not.toBeNull()
  })

  it('WX-LOGIN-4: a member finds 退出登录 on 我的; it revokes the server session and forgets the token', async () => {
    storeSession()
    const backend = createFakeBackend()
    backend.respond('/api/me', { status: 200, body: USER })
    backend.respond('/api/auth/logout', { status: 204, body: '' })
    await renderPage(MinePage, { path: PATH, backend })
    await flush()
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('退出登录'))
    await flush()
    expect(backend.calls.find((call) => call.path === '/api/auth/logout')).toMatchObject({ method: 'POST', headers: { Authorization: 'Bearer server-token' } })
    expect(taroFake.storage.has('session.v1')).toBe(false)
    screen.getByText('未登录')
  })

  it('WX-LOGIN-4: logout still works offline', async () => {
    storeSession()
    const backend = createFakeBackend()
    backend.respond('/api/me', { status: 200, body: USER })
    await renderPage(MinePage, { path: PATH, backend })
    await flush()
    backend.offline = true
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('退出登录'))
    await flush()
    screen.getByText('未登录')
  })

  it('隐私与数据 opens the privacy page, which is registered in app.config', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('隐私与数据'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packagePrivacy/index' })
    await act(() => Promise.resolve())
    expect(taroFake.toasts()).toEqual([])
  })
})
