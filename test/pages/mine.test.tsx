/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 我的: optional login against the real server (its WeChat sandbox, its sessions, its logout). What
 * needs no network runs with none; only a 415 and offline are scripted.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { FastifyInstance } from 'fastify'
import { cartStore, sessionStore } from '@/app-root'
import MinePage from '@/pages/mine/index'
import { CART_STORAGE_KEY } from '@/state/cart'
import { sandboxOpenid, sandboxSessionKey } from '../../server/src/wechat/sandbox'
import { renderPage } from '../utils/render-page'
import { memberOnDevice, openServerForFile } from '../utils/server-backend'
import { agreedToPrivacyGuideEarlier } from '../utils/session'
import { PRIVACY_AND_AUTH_APIS, taroFake } from '../utils/taro-api'

const PATH = '/pages/mine/index'
const server = openServerForFile()

const sheet = () => screen.queryByTestId('login-sheet')
const loginButton = () => screen.getByTestId('mine-login')
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))

/** What the server answers GET /api/me with this token (200 while the session lives, 401 after). */
async function meStatus(app: FastifyInstance, token: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode
}

let loginCount = 0
/** wx.login gives a fresh code: a new account on the sandbox. */
function wxLoginGivesFreshCode(): string {
  loginCount += 1
  const code = `mine-${process.pid}-${loginCount}-${Date.now()}`
  taroFake.override('login', () => ({ code, errMsg: 'login:ok' }))
  return code
}

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
    const dialog = screen.getByRole('dialog', { name: '登录' })
    // Two buttons of the same kind side by side: declining is as easy to find as logging in.
    const primary = within(dialog).getByText('微信一键登录')
    const dismiss = within(dialog).getByText('暂不登录')
    expect(primary.parentElement).toBe(dismiss.parentElement)
    expect(dismiss.tagName).toBe(primary.tagName)
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
    const backend = server()
    const code = wxLoginGivesFreshCode()
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    // A new member has no nickname yet.
    await screen.findByText('微信用户')

    expect(taroFake.callsTo('login')).toHaveLength(1)
    expect(backend.calls.find((call) => call.path === '/api/auth/login')).toMatchObject({ method: 'POST', body: { code } })
    expect(sheet()).toBeNull()
    const stored = String(taroFake.storage.get('session.v1'))
    const token = JSON.parse(stored).token as string
    expect(await meStatus(backend.app, token)).toBe(200)
    // Only the server's token: never the code, the openid or the session_key WeChat gave the server.
    for (const secret of [code, sandboxOpenid(code), sandboxSessionKey(code)]) expect(stored).not.toContain(secret)
    expect(cartStore.getSnapshot().count).toBe(2)
  })

  it('a 415 on login shows a plain login error, never the avatar upload\'s image-type message', async () => {
    // Scripted: the app always sends JSON, so the real server never answers its login with a 415.
    const backend = server()
    backend.respond('/api/auth/login', { status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Media Type' } } })
    wxLoginGivesFreshCode()
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    await waitFor(() => expect(sheet()).toHaveTextContent('请求出错了，请稍后重试'))
    expect(sheet()).not.toHaveTextContent('PNG')
  })

  it('WX-LOGIN-3: a WeChat error keeps the sheet open with a plain message', async () => {
    const backend = server()
    // The sandbox answers this code as WeChat answers a stale one: errcode 40029, our 400 WECHAT_INVALID_CODE.
    taroFake.override('login', () => ({ code: 'sandbox-invalid', errMsg: 'login:ok' }))
    agreedToPrivacyGuideEarlier()
    await renderPage(MinePage, { path: PATH, backend })
    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('微信一键登录'))
    await screen.findByText('登录凭证已失效，请重试')
    screen.getByTestId('login-sheet')
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
    const backend = server()
    const member = await memberOnDevice(backend.app)
    // The server ends the session (as after a logout elsewhere): its next answer is a real 401.
    await member.call('POST', '/api/auth/logout')
    await renderPage(MinePage, { path: PATH, backend })
    await screen.findByText('未登录')
    expect(backend.calls[0]?.headers.Authorization).toBe(`Bearer ${member.session.token}`)
    expect(taroFake.storage.has('session.v1')).toBe(false)
    expect(sheet()).toBeNull()

    fireEvent.click(screen.getByText('我的订单'))
    expect(sheet()).not.toBeNull()
  })

  it('WX-LOGIN-4: a member finds 退出登录 on 我的; it revokes the server session and forgets the token', async () => {
    const backend = server()
    const member = await memberOnDevice(backend.app)
    await member.call('PUT', '/api/me/profile', { nickname: '阿花' })
    await renderPage(MinePage, { path: PATH, backend })
    // The profile comes from the server.
    await screen.findByText('阿花')
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('退出登录'))
    await screen.findByText('未登录')
    expect(backend.calls.find((call) => call.path === '/api/auth/logout')).toMatchObject({ method: 'POST', headers: { Authorization: `Bearer ${member.session.token}` } })
    expect(taroFake.storage.has('session.v1')).toBe(false)
    // Revoked on the server, not only forgotten here.
    expect(await meStatus(backend.app, member.session.token)).toBe(401)
  })

  it('WX-LOGIN-4: logout still works offline', async () => {
    const backend = server()
    await memberOnDevice(backend.app)
    await renderPage(MinePage, { path: PATH, backend })
    await screen.findByText('微信用户')
    backend.offline = true
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('退出登录'))
    await screen.findByText('未登录')
    expect(sessionStore.token()).toBeNull()
  })

  it('隐私与数据 opens the privacy page, which is registered in app.config', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('隐私与数据'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packagePrivacy/index' })
    await act(() => Promise.resolve())
    expect(taroFake.toasts()).toEqual([])
  })
})
