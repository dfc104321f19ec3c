/**
 * 我的订单 and 订单详情: account pages opened from a tap. Without a session they ask with the reason
 * and go back on 暂不登录; an expired session asks again instead of failing silently.
 */
import { act, fireEvent, screen, within } from '@testing-library/react'
import { sessionStore } from '@/app-root'
import OrderPage from '@/packageAccount/order/index'
import OrdersPage from '@/packageAccount/orders/index'
import type { Order } from '@/services/api/types'
import { createFakeBackend } from '../utils/fake-backend'
import { flushPromises } from '../utils/fake-privacy'
import { installShop, ORDER_FIXTURE, SHOP_TOKEN, SHOP_USER, STORES } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

const LIST = '/packageAccount/orders/index'
const DETAIL = '/packageAccount/order/index'

function signIn() {
  sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
}

function seed(count: number) {
  const backend = createFakeBackend()
  const shop = installShop(backend)
  for (let i = 1; i <= count; i += 1) {
    shop.orders.push({ ...ORDER_FIXTURE, id: `o_${String(i).padStart(4, '0')}`, createdAt: new Date(Date.UTC(2026, 10, 21, 8, i)).toISOString() })
  }
  return { backend, shop }
}

const DELIVERY: Order = {
  ...ORDER_FIXTURE,
  id: 'o_0100',
  status: 'shipped',
  fulfilment: 'delivery',
  deliveryFen: 600,
  itemsFen: 1690,
  totalFen: 2290,
  items: [{ skuId: 'p002-a', productId: 'p002', name: '海南金煌芒果', skuName: '标准装', unitPriceFen: 1690, quantity: 1, image: '/api/images/products/p002/0.png' }],
  contact: { name: '王小明', phoneMasked: '139****5678' },
  address: { city: '上海', detail: '黄浦区南京东路 1 号' },
  store: null,
  note: '放门口',
  paidAt: '2026-11-21T09:00:00.000Z',
  payBy: null,
}

describe('我的订单 (orders)', () => {
  it('WX-LOGIN-1: without a session the sheet asks with the reason; 暂不登录 goes back and nothing is requested', async () => {
    const { backend } = seed(1)
    await renderPage(OrdersPage, { path: LIST, backend })
    expect(screen.getByTestId('login-sheet').textContent).toContain('登录后可查看你的订单')
    await act(async () => {
      fireEvent.click(screen.getByText('暂不登录'))
      await flushPromises()
    })
    expect(taroFake.callsTo('navigateBack')).toHaveLength(1)
    expect(backend.requests).toEqual([])
  })

  it('lists orders newest first, pages on reaching the bottom, and opens one', async () => {
    signIn()
    const { backend } = seed(12)
    const { reachBottom } = await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findAllByText('待支付')
    const ids = () => Array.from(document.querySelectorAll('[data-order]'), (el) => el.getAttribute('data-order'))
    expect(ids()).toHaveLength(10)
    expect(ids()[0]).toBe('o_0012')
    expect(screen.getAllByText('烟台红富士苹果 等 2 件')).toHaveLength(10)

    await reachBottom()
    await act(flushPromises)
    expect(ids()).toHaveLength(12)
    screen.getByText('— 没有更多了 —')
    expect(backend.requests).toEqual(['GET /api/orders?page=1&pageSize=10', 'GET /api/orders?page=2&pageSize=10'])

    fireEvent.click(within(document.querySelector('[data-order="o_0003"]') as HTMLElement).getByText('待支付'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packageAccount/order/index?id=o_0003' })
  })

  it('an empty list says so, with a way back to shopping', async () => {
    signIn()
    const { backend } = seed(0)
    await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findByText('还没有订单')
    fireEvent.click(screen.getByText('去逛逛'))
    expect(taroFake.callsTo('switchTab')[0]?.args[0]).toMatchObject({ url: '/pages/index/index' })
  })

  it('WX-LOGIN-2: an expired session (401) shows the sheet again; declining leaves the reason and a 登录 button', async () => {
    signIn()
    const { backend } = seed(2)
    backend.respond('/api/orders', { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'expired' } } })
    await renderPage(OrdersPage, { path: LIST, backend })
    await act(flushPromises)
    expect(screen.getByTestId('login-sheet').textContent).toContain('登录已过期，请重新登录')
    expect(sessionStore.token()).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('暂不登录'))
      await flushPromises()
    })
    // No loop of sheets: the reason and a 登录 button, which asks again only when tapped.
    screen.getByText('登录后可查看你的订单')
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    fireEvent.click(screen.getByText('登录'))
    screen.getByTestId('login-sheet')
  })

  it('a network error offers 重试, which recovers', async () => {
    signIn()
    const { backend } = seed(1)
    backend.respond('/api/orders', 'network')
    await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('烟台红富士苹果 等 2 件')
  })
})

describe('订单详情 (order)', () => {
  it('shows status, lines, totals and the contact with the phone masked', async () => {
    signIn()
    const { backend, shop } = seed(0)
    shop.orders.push(DELIVERY)
    await renderPage(OrderPage, { path: DETAIL, params: { id: DELIVERY.id }, backend })
    await screen.findByText('已发货')
    screen.getByText('海南金煌芒果')
    expect(screen.getByTestId('delivery-fen').textContent).toBe('¥6.00')
    expect(screen.getByTestId('total-fen').textContent).toBe('¥22.90')
    screen.getByText('139****5678')
    screen.getByText('上海 黄浦区南京东路 1 号')
    screen.getByText('放门口')
    expect(document.body.textContent).not.toMatch(/1\d{10}/)
    expect(screen.queryByText(/去支付/)).toBeNull()
  })

  it('WX-UI-4: an unpaid pickup order says what is due and pays from the sheet', async () => {
    signIn()
    const { backend, shop } = seed(1)
    await renderPage(OrderPage, { path: DETAIL, params: { id: 'o_0001' }, backend })
    await screen.findByText('需支付 ¥79.80，确认后才会扣款')
    screen.getByText(`${STORES[0]?.name} · ${STORES[0]?.address}`)
    await act(async () => {
      fireEvent.click(screen.getByText('去支付 ¥79.80'))
      await flushPromises()
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认支付 ¥79.80'))
      await flushPromises()
    })
    await act(flushPromises)
    expect(shop.orders[0]?.status).toBe('paid')
    await screen.findByText('已支付')
    expect(screen.queryByTestId('pay-sheet')).toBeNull()
  })

  it('a missing order shows the error with 重试', async () => {
    signIn()
    const { backend } = seed(0)
    await renderPage(OrderPage, { path: DETAIL, params: { id: 'o_nope' }, backend })
    await screen.findByText('内容不存在或已下架')
    screen.getByText('重试')
  })
})
