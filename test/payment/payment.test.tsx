/**
 * Paying an order from the app (WX-PAY-1, WX-UI-4): the server says which provider pays; only the
 * sandbox is called 模拟支付; WeChat Pay goes through the one payment adapter with the parameters
 * the server signed, and the order counts as paid only when the server has it as paid.
 */
import { act, fireEvent, screen, within } from '@testing-library/react'
import { sessionStore } from '@/app-root'
import OrderResultPage from '@/packageShop/order-result/index'
import { openCashier as browserCashier } from '@/services/payment/request-payment.h5'
import { createPayments } from '@/services/payment'
import type { Order } from '@contract/schemas'
import { createFakeBackend } from '../utils/fake-backend'
import { createFakePlatform, flushPromises } from '../utils/fake-privacy'
import { FAKE_PAY_PARAMS, installShop, ORDER_FIXTURE, SHOP_TOKEN, SHOP_USER } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'
import { installTestRoot } from '../utils/test-root'

beforeEach(() => {
  installTestRoot({ privacyPlatform: createFakePlatform({ agreed: true }) })
})

const PATH = '/packageShop/order-result/index'

async function openUnpaid(provider: 'sandbox' | 'wechatpay') {
  const backend = createFakeBackend()
  const shop = installShop(backend)
  shop.paymentProvider = provider
  shop.orders.push({ ...ORDER_FIXTURE })
  sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
  await renderPage(OrderResultPage, { path: PATH, params: { id: ORDER_FIXTURE.id }, backend })
  await act(flushPromises)
  await tap('去支付 ¥79.80')
  return { backend, shop, sheet: screen.getByTestId('pay-sheet') }
}

async function tap(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
    await flushPromises()
  })
  await act(flushPromises)
}

describe('payment', () => {
  it('WX-PAY-1: with WeChat Pay the sheet says 微信支付 (never 模拟支付) and the cashier gets exactly the server-signed parameters', async () => {
    const { shop, sheet, backend } = await openUnpaid('wechatpay')
    within(sheet).getByText('微信支付 ¥79.80')
    expect(sheet.textContent).not.toContain('模拟')
    // WeChat's cashier takes the money; the server learns it from WeChat Pay's notification.
    taroFake.override('requestPayment', () => {
      const order = shop.orders[0] as Order
      order.status = 'paid'
      order.paidAt = '2026-11-21T09:30:00.000Z'
      return { errMsg: 'requestPayment:ok' }
    })
    await tap('确认支付 ¥79.80')
    expect(taroFake.callsTo('requestPayment').map((call) => call.args[0])).toEqual([FAKE_PAY_PARAMS])
    expect(backend.requests.filter((r) => r.endsWith('/pay'))).toEqual([])
    await screen.findByText('支付成功')
  })

  it('WX-PAY-1: cancelling WeChat\'s cashier keeps the order payable and says so', async () => {
    const { shop } = await openUnpaid('wechatpay')
    taroFake.override('requestPayment', () => {
      throw { errMsg: 'requestPayment:fail cancel' }
    })
    await tap('确认支付 ¥79.80')
    screen.getByText('已取消支付，订单已保留，可稍后支付')
    expect(shop.orders[0]?.status).toBe('pending_payment')
  })

  it('WX-UI-4: the sandbox sheet says 模拟支付 and that nothing is charged', async () => {
    const { sheet } = await openUnpaid('sandbox')
    within(sheet).getByText('模拟支付 ¥79.80')
    expect(sheet.textContent).toContain('不会产生真实扣款')
  })
})

describe('payment service', () => {
  const order = { ...ORDER_FIXTURE }
  const params = { ...FAKE_PAY_PARAMS }

  it('WX-PAY-1: after the cashier, the order is reloaded until the server has it paid; still unpaid → confirming, never assumed paid', async () => {
    const waits: number[] = []
    const get = jest.fn(async () => order)
    const service = createPayments({
      api: { startPayment: jest.fn(), pay: jest.fn(), get },
      openCashier: async () => ({ outcome: 'paid' }),
      wait: async (ms) => {
        waits.push(ms)
      },
    })
    await expect(service.pay(order.id, { provider: 'wechatpay', request: params })).resolves.toEqual({ kind: 'confirming', order })
    expect(get).toHaveBeenCalledTimes(3)
    expect(waits).toEqual([1000, 2000])
    get.mockResolvedValueOnce({ ...order, status: 'paid' })
    await expect(service.pay(order.id, { provider: 'wechatpay', request: params })).resolves.toMatchObject({ kind: 'paid' })
  })

  it('WX-PAY-1: the H5 build has no WeChat cashier: WeChat Pay fails there, the sandbox is the browser\'s payment', async () => {
    await expect(browserCashier({ provider: 'wechatpay', request: params })).resolves.toMatchObject({ outcome: 'failed' })
  })
})
