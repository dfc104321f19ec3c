/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 我的订单 and 订单详情 against the real server: orders placed through its API by a member logged in
 * through the WeChat sandbox. Without a session the pages ask with the reason and go back on
 * 暂不登录; a session the server revoked asks again instead of failing silently. Only the network
 * fault (offline) is a fake.
 */
import { act, fireEvent, screen, within } from '@testing-library/react'
import { sessionStore } from '@/app-root'
import OrderPage from '@/packageAccount/order/index'
import OrdersPage from '@/packageAccount/orders/index'
import { formatFen } from '@/utils/money'
import { DEFAULT_ORDER_POLICY } from '../../server/src/orders/place-order'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { FULL_PHONE_IN_TEXT, openServerForFile, signUpMember } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const LIST = '/packageAccount/orders/index'
const DETAIL = '/packageAccount/order/index'
// The unpaid-order cap is the server's abuse limit; the list test needs a dozen orders.
const server = openServerForFile({ orderPolicy: { ...DEFAULT_ORDER_POLICY, maxUnpaidOrders: 100 }, devRoutes: true })
const PRODUCT = SEED_PRODUCTS[0]
const OUTLET = SEED_OUTLETS[0]
if (!PRODUCT || !OUTLET) throw new Error('seed data missing')
const PICKUP = { fulfilment: 'pickup', outletId: OUTLET.id, address: null, contact: { name: '王小明', phone: null, usePhoneOnFile: false } } as const

/** A member signed in on this device (the session the server issued), with `count` pickup orders of 2 items. */
async function memberWithOrders(count: number) {
  const backend = server()
  const member = await signUpMember(backend.app)
  const orders = []
  for (let i = 0; i < count; i += 1) orders.push(await member.placeOrder(PRODUCT?.id ?? '', 2, PICKUP))
  sessionStore.save(member.session)
  return { backend, member, orders }
}

describe('我的订单 (orders)', () => {
  it('WX-LOGIN-1: without a session the sheet asks with the reason; 暂不登录 goes back and nothing is requested', async () => {
    const backend = server()
    await renderPage(OrdersPage, { path: LIST, backend })
    expect(screen.getByTestId('login-sheet')).toHaveTextContent('登录后可查看你的订单')
    await act(async () => {
      fireEvent.click(screen.getByText('暂不登录'))
      await flushPromises()
    })
    expect(taroFake.callsTo('navigateBack')).toHaveLength(1)
    expect(backend.requests).toEqual([])
  })

  it('lists orders newest first, pages on reaching the bottom, and opens one', async () => {
    const { backend, orders } = await memberWithOrders(12)
    const { reachBottom } = await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findAllByText('待支付')
    const ids = () => Array.from(document.querySelectorAll('[data-order]'), (el) => el.getAttribute('data-order'))
    const newestFirst = orders.map((o) => o.id).reverse()
    expect(ids()).toEqual(newestFirst.slice(0, 10))
    expect(screen.getAllByText(`${PRODUCT.name} 等 2 件`)).toHaveLength(10)

    await reachBottom()
    await act(flushPromises)
    expect(ids()).toEqual(newestFirst)
    screen.getByText('— 没有更多了 —')
    expect(backend.requests).toEqual(['GET /api/orders?page=1&pageSize=10', 'GET /api/orders?page=2&pageSize=10'])

    const third = orders[2]?.id ?? ''
    fireEvent.click(within(document.querySelector(`[data-order="${third}"]`) as HTMLElement).getByText('待支付'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: `/packageAccount/order/index?id=${third}` })
  })

  it('an empty list says so, with a way back to shopping', async () => {
    const { backend } = await memberWithOrders(0)
    await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findByText('还没有订单')
    fireEvent.click(screen.getByText('去逛逛'))
    expect(taroFake.callsTo('switchTab')[0]?.args[0]).toMatchObject({ url: '/pages/index/index' })
  })

  it('WX-LOGIN-2: an expired session (401) shows the sheet again; declining leaves the reason and a 登录 button', async () => {
    const { backend, member } = await memberWithOrders(2)
    // The server ends the session (as after a logout elsewhere): its next answer is a real 401.
    await member.call('POST', '/api/auth/logout')
    await renderPage(OrdersPage, { path: LIST, backend })
    await act(flushPromises)
    expect(screen.getByTestId('login-sheet')).toHaveTextContent('登录已过期，请重新登录')
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
    const { backend } = await memberWithOrders(1)
    backend.respond('/api/orders', 'network')
    await renderPage(OrdersPage, { path: LIST, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText(`${PRODUCT.name} 等 2 件`)
  })
})

describe('订单详情 (order)', () => {
  it('shows status, lines, totals and the contact with the phone masked', async () => {
    const { backend, member } = await memberWithOrders(0)
    const placed = await member.placeOrder(PRODUCT.id, 1, {
      fulfilment: 'delivery',
      outletId: null,
      address: { city: '上海', detail: '黄浦区南京东路 1 号' },
      contact: { name: '王小明', phone: '13956785678', usePhoneOnFile: false },
      note: '放门口',
    })
    await member.call('POST', `/api/orders/${placed.id}/pay`)
    await member.call('POST', `/api/orders/${placed.id}/advance`)
    await renderPage(OrderPage, { path: DETAIL, params: { id: placed.id }, backend })
    await screen.findByText('已发货')
    screen.getByText(PRODUCT.name)
    // The server's own pricing (delivery fee under its free-delivery threshold), shown as it said.
    expect(screen.getByTestId('delivery-fen')).toHaveTextContent(`¥${formatFen(placed.deliveryFen)}`)
    expect(screen.getByTestId('total-fen')).toHaveTextContent(`¥${formatFen(placed.totalFen)}`)
    screen.getByText('139****5678')
    screen.getByText('上海 黄浦区南京东路 1 号')
    screen.getByText('放门口')
    expect(document.body.textContent).not.toMatch(FULL_PHONE_IN_TEXT)
    expect(screen.queryByText(/去支付/)).toBeNull()
  })

  it('WX-UI-4: an unpaid pickup order says what is due and pays from the sheet', async () => {
    const { backend, member, orders } = await memberWithOrders(1)
    const order = orders[0]
    if (!order) throw new Error('no order')
    const due = `¥${formatFen(order.totalFen)}`
    await renderPage(OrderPage, { path: DETAIL, params: { id: order.id }, backend })
    await screen.findByText(`需支付 ${due}，确认后才会扣款`)
    screen.getByText(`${OUTLET.name} · ${OUTLET.address}`)
    await act(async () => {
      fireEvent.click(screen.getByText(`去支付 ${due}`))
      await flushPromises()
    })
    await act(async () => {
      fireEvent.click(screen.getByText(`确认支付 ${due}`))
      await flushPromises()
    })
    await act(flushPromises)
    await screen.findByText('已支付')
    expect(screen.queryByTestId('pay-sheet')).toBeNull()
    // The server has it paid (the sandbox's payment), not just the page.
    expect((await member.call<{ status: string }>('GET', `/api/orders/${order.id}`)).status).toBe('paid')
  })

  it('a missing order shows the error with 重试', async () => {
    const { backend } = await memberWithOrders(0)
    await renderPage(OrderPage, { path: DETAIL, params: { id: 'o_nope' }, backend })
    await screen.findByText('内容不存在或已下架')
    screen.getByText('重试')
  })
})
