import { act, fireEvent, screen } from '@testing-library/react'
import MinePage from '@/pages/mine/index'
import { CART_STORAGE_KEY, cartStore } from '@/store/cart'
import { renderPage } from '../utils/render-page'
import { PRIVACY_AND_AUTH_APIS, taroFake } from '../utils/taro-api'

const PATH = '/pages/mine/index'
const sheet = () => document.querySelector('.login-sheet')
const loginButton = () => screen.getByText('登录', { selector: '.mine__login' })

function expectNoAuthCalls() {
  const called = taroFake.apiNames()
  for (const name of PRIVACY_AND_AUTH_APIS) expect(called).not.toContain(name)
}

describe('我的 and the login placeholder sheet', () => {
  it('WX-LOGIN-1: the sheet is not shown on launch, nor later by itself', async () => {
    const { show } = await renderPage(MinePage, { path: PATH, backend: null, launch: true })
    expect(screen.getByText('未登录')).toBeTruthy()
    expect(sheet()).toBeNull()

    // Coming back to the tab, or time passing, does not open it either.
    await show()
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(sheet()).toBeNull()
    expect(taroFake.callsTo('showModal')).toEqual([])
    expectNoAuthCalls()
  })

  it('WX-LOGIN-1: it opens only on a tap of 登录, and says login comes later', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(loginButton())
    expect(sheet()).not.toBeNull()
    expect(sheet()?.getAttribute('role')).toBe('dialog')
    expect(screen.getByText('登录功能将在后续版本提供')).toBeTruthy()
    // A placeholder: it calls no login or auth API.
    expectNoAuthCalls()
  })

  it('WX-LOGIN-2: 暂不登录 closes it and the cart is intact', async () => {
    cartStore.add({ productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/x.png', stock: 12 }, 2)
    const storedBefore = taroFake.storage.get(CART_STORAGE_KEY)
    await renderPage(MinePage, { path: PATH, backend: null })
    expect(screen.getByText('2 件')).toBeTruthy()

    fireEvent.click(loginButton())
    fireEvent.click(screen.getByText('暂不登录'))
    expect(sheet()).toBeNull()
    expect(cartStore.getSnapshot().count).toBe(2)
    expect(taroFake.storage.get(CART_STORAGE_KEY)).toBe(storedBefore)
    expect(screen.getByText('2 件')).toBeTruthy()
    expectNoAuthCalls()
  })

  it('WX-UI-1: the sheet has a visible close control that closes it (and so does the mask)', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(loginButton())
    const close = screen.getByLabelText('关闭')
    expect(close.textContent).toBe('×')
    fireEvent.click(close)
    expect(sheet()).toBeNull()

    fireEvent.click(loginButton())
    fireEvent.click(document.querySelector('.login-sheet__mask') as HTMLElement)
    expect(sheet()).toBeNull()
  })

  it('隐私与数据 opens the privacy page, which is registered in app.config', async () => {
    await renderPage(MinePage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('隐私与数据'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/pages/privacy/index' })
    // The fake rejects pages missing from app.config with a toast from openPage(); none here.
    await act(() => Promise.resolve())
    expect(taroFake.toasts()).toEqual([])
  })
})
