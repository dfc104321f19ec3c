import { act, fireEvent, screen, within } from '@testing-library/react'
import { cartStore } from '@/app-root'
import CartPage from '@/pages/cart/index'
import { taroStorage } from '@/services/storage'
import { CART_STORAGE_KEY, createCartStore } from '@/state/cart'
import type { CartItem } from '@/state/cart'
import { renderPage } from '../utils/render-page'
import { POPUP_APIS, PRIVACY_AND_AUTH_APIS, taroFake } from '../utils/taro-api'

const PATH = '/pages/cart/index'
const APPLE: CartItem = { productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/api/images/products/p001/0.png', stock: 12 }
const GIFT: CartItem = { ...APPLE, skuId: 'p001-gift', skuName: '礼盒装', priceFen: 9900, stock: 3 }
const MANGO: CartItem = { productId: 'p002', skuId: 'p002-a', name: '海南金煌芒果', skuName: '标准装', priceFen: 1690, image: '/api/images/products/p002/0.png', stock: 2 }

const line = (skuName: string) => screen.getByText(skuName).closest('[data-line]') as HTMLElement
/** The 合计 amount (the Price's current price; no original price is shown there). */
const total = () => screen.getByTestId('cart-total').textContent?.replace('合计', '')

describe('cart (购物车) as a visitor', () => {
  it('WX-LAUNCH-2: an empty cart says so and 去逛逛 goes to the home tab', async () => {
    await renderPage(CartPage, { path: PATH, backend: null })
    screen.getByText('购物车还是空的')
    fireEvent.click(screen.getByText('去逛逛'))
    expect(taroFake.callsTo('switchTab')[0]?.args[0]).toMatchObject({ url: '/pages/index/index' })
  })

  it('WX-LAUNCH-2: changes quantities, removes lines and keeps the totals right', async () => {
    cartStore.add(APPLE, 2)
    cartStore.add(MANGO)
    await renderPage(CartPage, { path: PATH, backend: null })

    screen.getByText('共 3 件商品')
    expect(total()).toBe(`¥${((2 * 3990 + 1690) / 100).toFixed(2)}`)

    const mango = line('标准装')
    fireEvent.click(within(mango).getByLabelText('增加数量'))
    // Stock is 2: the + button is now disabled and further taps do nothing.
    fireEvent.click(within(mango).getByLabelText('增加数量'))
    expect(within(mango).getByTestId('quantity')).toHaveTextContent('2')
    expect(total()).toBe('¥113.60')

    const apple = line('5斤装')
    fireEvent.click(within(apple).getByLabelText('减少数量'))
    fireEvent.click(within(apple).getByLabelText('减少数量'))
    // Never below 1: removing is a separate, explicit action.
    expect(within(apple).getByTestId('quantity')).toHaveTextContent('1')
    screen.getByText('共 3 件商品')

    fireEvent.click(within(apple).getByText('删除'))
    expect(screen.queryByText('5斤装')).toBeNull()
    expect(total()).toBe('¥33.80')
    screen.getByText('去结算(2)')
    // Steppers and 删除 do not open the product.
    expect(taroFake.callsTo('navigateTo')).toEqual([])
  })

  it('WX-LAUNCH-2: the cart is persisted and survives a relaunch (a new store reading the same storage)', async () => {
    cartStore.add(APPLE, 2)
    cartStore.add(GIFT)
    await renderPage(CartPage, { path: PATH, backend: null })
    fireEvent.click(within(line('礼盒装')).getByLabelText('增加数量'))
    const before = cartStore.getSnapshot()
    expect(typeof taroFake.storage.get(CART_STORAGE_KEY)).toBe('string')

    // Relaunch: nothing survives but storage.
    const relaunched = createCartStore({ storage: taroStorage })
    expect(relaunched.getSnapshot()).toEqual(before)

    // And the app's own outlet, reloaded from storage, renders the same cart.
    act(() => cartStore.reload())
    expect(cartStore.getSnapshot()).toEqual(before)
    screen.getByText('共 4 件商品')
  })

  it('WX-LAUNCH-2: 去结算 opens checkout; the cart itself never asks for login or phone', async () => {
    cartStore.add(APPLE)
    await renderPage(CartPage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('去结算(1)'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packageShop/checkout/index' })
    await act(() => Promise.resolve())
    const called = taroFake.apiNames()
    for (const name of PRIVACY_AND_AUTH_APIS) expect(called).not.toContain(name)
    expect(called.filter((name) => (POPUP_APIS as readonly string[]).includes(name))).toEqual([])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('a cart line opens its product', async () => {
    cartStore.add(APPLE)
    await renderPage(CartPage, { path: PATH, backend: null })
    fireEvent.click(screen.getByText('烟台红富士苹果'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packageShop/product/index?id=p001' })
  })
})
