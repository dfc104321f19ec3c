/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 下单结果 against the real server: orders placed and paid through its API by a sandbox member;
 * 订阅发货通知 asks WeChat only inside the tap, with the templates the server offers for the order
 * (at most three), records each answer on the server, and changes nothing about the order. Only the
 * network fault (offline) and one template list longer than this server sends are scripted.
 */
import { act, fireEvent, screen } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import OrderResultPage from '@/packageShop/order-result/index'
import type { Fulfilment, Order, SubscribeDecision } from '@contract/schemas'
import { privacyItem } from '@/services/privacy'
import { formatFen } from '@/utils/money'
import { formatTime } from '@/utils/order-text'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { SANDBOX_TEMPLATES, templatesFor } from '../../server/src/subscriptions/templates'
import { flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { memberOnDevice, openServerForFile, signUpMember, type ServerBackend } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'
import { agreedPlatformPerTest } from '../utils/test-root'

const server = openServerForFile()
const fake = agreedPlatformPerTest()
const PATH = '/packageShop/order-result/index'
const OUTLET_ID = SEED_OUTLETS[0]?.id ?? ''

afterEach(() => {
  fake().calls.length = 0
  fake().next = {}
  jest.restoreAllMocks()
})

/** The template ids the server offers for an order of this kind. */
const templateIds = (fulfilment: Fulfilment) => templatesFor(SANDBOX_TEMPLATES, fulfilment).map((t) => t.id)

/** A member on this device with one order of two 烟台红富士苹果 (paid unless asked otherwise). */
async function placeOrder(backend: ServerBackend, options: { paid?: boolean; fulfilment?: Fulfilment } = {}) {
  const member = await memberOnDevice(backend.app)
  const fulfilment = options.fulfilment ?? 'pickup'
  const placed = await member.placeOrder(
    'p002',
    2,
    fulfilment === 'pickup'
      ? { fulfilment, outletId: OUTLET_ID, address: null, contact: { name: '', phone: null, usePhoneOnFile: false } }
      : { fulfilment, outletId: null, address: { city: '上海', detail: '黄浦区南京东路 1 号' }, contact: { name: '王小明', phone: '13912345678', usePhoneOnFile: false } },
  )
  const order = options.paid ?? true ? await member.call<Order>('POST', `/api/orders/${placed.id}/pay`) : placed
  /** The order as the server has it now. */
  const onServer = () => member.call<Order>('GET', `/api/orders/${order.id}`)
  return { member, order, onServer }
}

async function open(options: { paid?: boolean; fulfilment?: Fulfilment } = {}) {
  const backend = server()
  const placed = await placeOrder(backend, options)
  const page = await renderPage(OrderResultPage, { path: PATH, params: { id: placed.order.id }, backend })
  await act(flushPromises)
  await screen.findByText(placed.order.status === 'paid' ? '支付成功' : '订单已提交，待支付')
  return { ...page, ...placed, backend }
}

/** What the server recorded for the order's subscriptions, template by template. */
async function decisionsOnServer(backend: ServerBackend, orderId: string): Promise<Record<string, string>> {
  const rows = await backend.db.query<{ template_id: string; decision: string }>('select template_id, decision from subscriptions where order_id = $1', [orderId])
  return Object.fromEntries(rows.map((row) => [row.template_id, row.decision]))
}

const subscribeButton = () => screen.getByText('订阅发货通知')
async function tapSubscribe() {
  await act(async () => {
    fireEvent.click(subscribeButton())
    await flushPromises()
  })
  await act(flushPromises)
}

describe('下单结果 and subscribe messages', () => {
  it('WX-SUB-1: nothing is requested on mount or on show; only the tap calls requestSubscribeMessage, inside the handler', async () => {
    const { show, backend, order } = await open()
    await show()
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(fake().calls).not.toContain('requestSubscribeMessage')
    // Reading the template ids is not a prompt; it lets the tap ask at once.
    expect(backend.requests).toContain(`GET /api/subscribe/templates?fulfilment=${order.fulfilment}`)

    const spy = jest.spyOn(fake(), 'requestSubscribeMessage')
    fireEvent.click(subscribeButton())
    // Synchronously, within the click: no await happened before the call (WeChat needs the tap).
    expect(spy).toHaveBeenCalledTimes(1)
    expect(spy).toHaveBeenCalledWith(templateIds(order.fulfilment))
    await act(flushPromises)
    expect(fake().calls.filter((c) => c === 'requestSubscribeMessage')).toHaveLength(1)
  })

  it('WX-SUB-1: at most 3 template ids per call, even if the server lists more', async () => {
    // This server never lists more than 3 (server/test/subscribe-fit proves it): a scripted list does.
    const backend = server()
    const { order } = await placeOrder(backend)
    const four = ['tmpl_a', 'tmpl_b', 'tmpl_c', 'tmpl_d']
    backend.respond('/api/subscribe/templates', { status: 200, body: { items: four.map((id) => ({ id, title: id })) } })
    await renderPage(OrderResultPage, { path: PATH, params: { id: order.id }, backend })
    await screen.findByText('支付成功')
    await act(flushPromises)
    const spy = jest.spyOn(fake(), 'requestSubscribeMessage')
    await tapSubscribe()
    expect(spy).toHaveBeenCalledWith(four.slice(0, 3))
  })

  it('WX-SUB-3: every per-template result is posted to the server', async () => {
    const { backend, order } = await open({ fulfilment: 'delivery' })
    const [first, second] = templateIds('delivery')
    if (!first || !second) throw new Error('the sandbox offers two templates for a delivery order')
    const answers: Record<string, SubscribeDecision> = { [first]: 'accept', [second]: 'ban' }
    fake().next.requestSubscribeMessage = answers
    await tapSubscribe()
    await screen.findByText('已订阅发货通知，有进展时会通知你')
    expect(backend.calls.find((c) => c.path === `/api/orders/${order.id}/subscriptions`)?.body).toEqual({ results: answers })
    expect(await decisionsOnServer(backend, order.id)).toEqual(answers)
  })

  it('WX-SUB-2: rejecting changes nothing about the order, and 查看订单 still works', async () => {
    const { backend, order, onServer } = await open()
    const before = await onServer()
    const rejected = Object.fromEntries(templateIds(order.fulfilment).map((id) => [id, 'reject' as const]))
    fake().next.requestSubscribeMessage = rejected
    await tapSubscribe()
    await screen.findByText('未订阅通知，不影响你的订单，可在「我的订单」查看进度')
    expect(await decisionsOnServer(backend, order.id)).toEqual(rejected)
    expect(await onServer()).toEqual(before)
    expect(backend.calls.filter((c) => c.method !== 'GET').map((c) => c.path)).toEqual([`/api/orders/${order.id}/subscriptions`])

    fireEvent.click(screen.getByText('查看订单'))
    await act(flushPromises)
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: `/packageAccount/order/index?id=${order.id}` })
    expect(taroFake.toasts()).toEqual([])
  })

  it('WX-SUB-2: a refused or failed prompt is calm and the order is the same', async () => {
    const { backend, order, onServer } = await open()
    const before = await onServer()
    fake().next.requestSubscribeMessage = { errMsg: 'requestSubscribeMessage:fail cancel' }
    await tapSubscribe()
    screen.getByText('未订阅通知，不影响你的订单，可在「我的订单」查看进度')
    expect(await decisionsOnServer(backend, order.id)).toEqual({})
    expect(await onServer()).toEqual(before)
  })

  it('WX-SUB-5: only the templates that fit the order are asked for (a pickup order is never asked about shipping)', async () => {
    for (const fulfilment of ['pickup', 'delivery'] as const) {
      const { backend, unmount } = await open({ fulfilment })
      expect(backend.requests).toContain(`GET /api/subscribe/templates?fulfilment=${fulfilment}`)
      const spy = jest.spyOn(fake(), 'requestSubscribeMessage')
      await tapSubscribe()
      const asked = spy.mock.calls[0]?.[0] ?? []
      expect(asked).toEqual(templateIds(fulfilment))
      const shipping = SANDBOX_TEMPLATES.filter((t) => t.fits === 'delivery').map((t) => t.id)
      if (fulfilment === 'pickup') expect(asked.filter((id) => shipping.includes(id))).toEqual([])
      spy.mockRestore()
      unmount()
    }
  })

  it('WX-SUB-2: plain wording beside the button: its purpose, no reward, no pressure', async () => {
    await open()
    const card = screen.getByTestId('subscribe-card')
    expect(card).toHaveTextContent(privacyItem('subscribeMessage').reason)
    const source = ['index.tsx', 'use-subscribe.ts']
      .map((file) => fs.readFileSync(path.resolve(__dirname, '../../src/packageShop/order-result', file), 'utf8'))
      .join('\n')
    expect(source).not.toMatch(/红包|优惠券|积分|抽奖|奖励|返现|必须订阅|不订阅将/)
    expect(card.textContent).not.toMatch(/红包|优惠券|积分|抽奖|奖励|返现/)
  })

  it('WX-UI-4: an unpaid order states the amount before 去支付, and pays from the sheet', async () => {
    const { order, onServer } = await open({ paid: false })
    const due = `¥${formatFen(order.totalFen)}`
    screen.getByText(`需支付 ${due}，确认后才会扣款`)
    expect(screen.queryByText('订阅发货通知')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText(`去支付 ${due}`))
      await flushPromises()
    })
    screen.getByText(`模拟支付 ${due}`)
    await act(async () => {
      fireEvent.click(screen.getByText(`确认支付 ${due}`))
      await flushPromises()
    })
    await screen.findByText('支付成功')
    expect((await onServer()).status).toBe('paid')
    screen.getByText('订阅发货通知')
  })

  it('an unpaid order shows its payment deadline (the server cancels it after that)', async () => {
    const { order } = await open({ paid: false })
    expect(order.payBy).not.toBeNull()
    screen.getByText(`请在 ${formatTime(order.payBy ?? '')} 前完成支付，超时订单将自动取消`)
  })

  it('a paid order shows no payment deadline', async () => {
    await open()
    expect(screen.queryByText(/前完成支付/)).toBeNull()
  })

  it('WX-LOGIN-2: without a session the sheet asks; 暂不登录 goes back', async () => {
    const backend = server()
    // Someone's order exists; this device has no session.
    const member = await signUpMember(backend.app)
    const order = await member.placeOrder('p002', 1, { fulfilment: 'pickup', outletId: OUTLET_ID, address: null, contact: { name: '', phone: null, usePhoneOnFile: false } })
    await renderPage(OrderResultPage, { path: PATH, params: { id: order.id }, backend })
    await act(flushPromises)
    expect(screen.getByTestId('login-sheet')).toHaveTextContent('登录后可查看你的订单')
    await act(async () => {
      fireEvent.click(screen.getByText('暂不登录'))
      await flushPromises()
    })
    expect(taroFake.callsTo('navigateBack')).toHaveLength(1)
    expect(backend.requests).toEqual([])
  })

  it('an error state with 重试', async () => {
    const backend = server()
    const { order } = await placeOrder(backend)
    backend.respond(`/api/orders/${order.id}`, 'network')
    await renderPage(OrderResultPage, { path: PATH, params: { id: order.id }, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('支付成功')
  })
})
