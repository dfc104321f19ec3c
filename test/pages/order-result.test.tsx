/**
 * 下单结果: the order as the server has it; 订阅发货通知 asks WeChat only inside the tap, with at most
 * three templates, records each answer on the server, and changes nothing about the order.
 */
import { act, fireEvent, screen } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import { sessionStore } from '@/app-root'
import OrderResultPage from '@/packageShop/order-result/index'
import type { Order } from '@contract/schemas'
import { privacyItem } from '@/services/privacy'
import { formatTime } from '@/utils/order-text'
import { createFakeBackend } from '../utils/fake-backend'
import { createFakePlatform, flushPromises, type FakePrivacyPlatform } from '../utils/fake-privacy'
import { installShop, ORDER_FIXTURE, SHOP_TOKEN, SHOP_USER } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'
import { installTestRoot } from '../utils/test-root'

let fake: FakePrivacyPlatform
beforeEach(() => {
  fake = createFakePlatform({ agreed: true })
  installTestRoot({ privacyPlatform: fake })
})
const PATH = '/packageShop/order-result/index'
const PAID: Order = { ...ORDER_FIXTURE, status: 'paid', paidAt: '2026-11-21T09:00:00.000Z', payBy: null }

afterEach(() => {
  fake.calls.length = 0
  fake.next = {}
  jest.restoreAllMocks()
})

async function open(order: Order = PAID, options: { member?: boolean } = {}) {
  const backend = createFakeBackend()
  const shop = installShop(backend)
  shop.orders.push({ ...order })
  if (options.member ?? true) sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
  const page = await renderPage(OrderResultPage, { path: PATH, params: { id: order.id }, backend })
  await act(flushPromises)
  return { ...page, backend, shop }
}

const subscribeButton = () => screen.getByText('订阅发货通知')

describe('下单结果 and subscribe messages', () => {
  it('WX-SUB-1: nothing is requested on mount or on show; only the tap calls requestSubscribeMessage, inside the handler', async () => {
    const { show, backend } = await open()
    screen.getByText('支付成功')
    await show()
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(fake.calls).not.toContain('requestSubscribeMessage')
    // Reading the template ids is not a prompt; it lets the tap ask at once.
    expect(backend.requests).toContain(`GET /api/subscribe/templates?fulfilment=${PAID.fulfilment}`)

    const spy = jest.spyOn(fake, 'requestSubscribeMessage')
    fireEvent.click(subscribeButton())
    // Synchronously, within the click: no await happened before the call (WeChat needs the tap).
    expect(spy).toHaveBeenCalledTimes(1)
    await act(flushPromises)
    expect(fake.calls.filter((c) => c === 'requestSubscribeMessage')).toHaveLength(1)
  })

  it('WX-SUB-1: at most 3 template ids per call, even if the server lists more', async () => {
    const backend = createFakeBackend()
    const shop = installShop(backend)
    shop.orders.push({ ...PAID })
    shop.templates.push({ id: 'tmpl_extra', title: '多余模板' })
    sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
    await renderPage(OrderResultPage, { path: PATH, params: { id: PAID.id }, backend })
    await act(flushPromises)
    const spy = jest.spyOn(fake, 'requestSubscribeMessage')
    await act(async () => {
      fireEvent.click(subscribeButton())
      await flushPromises()
    })
    expect(spy).toHaveBeenCalledWith(['tmpl_shipped', 'tmpl_pickup', 'tmpl_status'])
  })

  it('WX-SUB-3: every per-template result is posted to the server', async () => {
    const { shop } = await open()
    fake.next.requestSubscribeMessage = { tmpl_shipped: 'accept', tmpl_pickup: 'reject', tmpl_status: 'ban' }
    await act(async () => {
      fireEvent.click(subscribeButton())
      await flushPromises()
    })
    await act(flushPromises)
    expect(shop.subscriptions).toEqual([{ orderId: PAID.id, results: { tmpl_shipped: 'accept', tmpl_pickup: 'reject', tmpl_status: 'ban' } }])
    screen.getByText('已订阅发货通知，有进展时会通知你')
  })

  it('WX-SUB-2: rejecting changes nothing about the order, and 查看订单 still works', async () => {
    const { shop, backend } = await open()
    fake.next.requestSubscribeMessage = { tmpl_shipped: 'reject', tmpl_pickup: 'reject', tmpl_status: 'reject' }
    await act(async () => {
      fireEvent.click(subscribeButton())
      await flushPromises()
    })
    await act(flushPromises)
    screen.getByText('未订阅通知，不影响你的订单，可在「我的订单」查看进度')
    expect(shop.subscriptions[0]?.results).toEqual({ tmpl_shipped: 'reject', tmpl_pickup: 'reject', tmpl_status: 'reject' })
    expect(shop.orders[0]).toEqual(PAID)
    expect(backend.calls.filter((c) => c.method !== 'GET').map((c) => c.path)).toEqual([`/api/orders/${PAID.id}/subscriptions`])

    fireEvent.click(screen.getByText('查看订单'))
    await act(flushPromises)
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: `/packageAccount/order/index?id=${PAID.id}` })
    expect(taroFake.toasts()).toEqual([])
  })

  it('WX-SUB-2: a refused or failed prompt is calm and the order is the same', async () => {
    const { shop } = await open()
    fake.next.requestSubscribeMessage = { errMsg: 'requestSubscribeMessage:fail cancel' }
    await act(async () => {
      fireEvent.click(subscribeButton())
      await flushPromises()
    })
    screen.getByText('未订阅通知，不影响你的订单，可在「我的订单」查看进度')
    expect(shop.subscriptions).toEqual([])
    expect(shop.orders[0]).toEqual(PAID)
  })

  it('WX-SUB-5: only the templates that fit the order are asked for (a pickup order is never asked about shipping)', async () => {
    for (const fulfilment of ['pickup', 'delivery'] as const) {
      const { backend, unmount } = await open({ ...PAID, fulfilment })
      expect(backend.requests).toContain(`GET /api/subscribe/templates?fulfilment=${fulfilment}`)
      unmount()
    }
  })

  it('WX-SUB-2: plain wording beside the button: its purpose, no reward, no pressure', async () => {
    await open()
    const card = screen.getByTestId('subscribe-card')
    expect(card.textContent).toContain(privacyItem('subscribeMessage').reason)
    const source = ['index.tsx', 'use-subscribe.ts']
      .map((file) => fs.readFileSync(path.resolve(__dirname, '../../src/packageShop/order-result', file), 'utf8'))
      .join('\n')
    expect(source).not.toMatch(/红包|优惠券|积分|抽奖|奖励|返现|必须订阅|不订阅将/)
    expect(card.textContent).not.toMatch(/红包|优惠券|积分|抽奖|奖励|返现/)
  })

  it('WX-UI-4: an unpaid order states the amount before 去支付, and pays from the sheet', async () => {
    const { shop } = await open(ORDER_FIXTURE)
    screen.getByText('订单已提交，待支付')
    screen.getByText('需支付 ¥79.80，确认后才会扣款')
    expect(screen.queryByText('订阅发货通知')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('去支付 ¥79.80'))
      await flushPromises()
    })
    screen.getByText('模拟支付 ¥79.80')
    await act(async () => {
      fireEvent.click(screen.getByText('确认支付 ¥79.80'))
      await flushPromises()
    })
    await act(flushPromises)
    expect(shop.orders[0]?.status).toBe('paid')
    await screen.findByText('支付成功')
    screen.getByText('订阅发货通知')
  })

  it('an unpaid order shows its payment deadline (the server cancels it after that)', async () => {
    await open(ORDER_FIXTURE)
    const deadline = formatTime(ORDER_FIXTURE.payBy ?? '')
    screen.getByText(`请在 ${deadline} 前完成支付，超时订单将自动取消`)
  })

  it('a paid order shows no payment deadline', async () => {
    await open(PAID)
    expect(screen.queryByText(/前完成支付/)).toBeNull()
  })

  it('WX-LOGIN-2: without a session the sheet asks; 暂不登录 goes back', async () => {
    await open(PAID, { member: false })
    expect(screen.getByTestId('login-sheet').textContent).toContain('登录后可查看你的订单')
    await act(async () => {
      fireEvent.click(screen.getByText('暂不登录'))
      await flushPromises()
    })
    expect(taroFake.callsTo('navigateBack')).toHaveLength(1)
  })

  it('an error state with 重试', async () => {
    const backend = createFakeBackend()
    const shop = installShop(backend)
    shop.orders.push({ ...PAID })
    backend.respond(`/api/orders/${PAID.id}`, 'network')
    sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
    await renderPage(OrderResultPage, { path: PATH, params: { id: PAID.id }, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('支付成功')
  })
})
