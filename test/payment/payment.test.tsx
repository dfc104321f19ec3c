/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * Paying an order from the app (WX-PAY-1, WX-UI-4) against the real server: the server says which
 * provider pays; only the sandbox is called 模拟支付; WeChat Pay (the server's real gateway, talking
 * to a local WeChat Pay stand-in with generated keys) goes through the one payment adapter with the
 * parameters the server signed, and the order counts as paid only when the server has it as paid —
 * here after WeChat Pay's signed notification reached the server.
 */
import { act, fireEvent, screen, within } from '@testing-library/react'
import OrderResultPage from '@/packageShop/order-result/index'
import { openCashier as browserCashier } from '@/services/payment/request-payment.h5'
import { createPayments } from '@/services/payment'
import type { Order, PaymentStart } from '@contract/schemas'
import { formatFen } from '@/utils/money'
import { rsaVerify } from '../../server/src/payments/wechatpay-crypto'
import { WeChatPayGateway } from '../../server/src/payments/wechatpay-gateway'
import { WECHATPAY_NOTIFY_PATH } from '../../server/src/routes/payments'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { systemClock } from '../../server/src/time'
import { generatePayKeys, paidTransaction, paySettings, TEST_APPID, WeChatPayStub } from '../../server/test/support/wechatpay-stub'
import { createFakePlatform, flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { fetchFromJsdom, memberOnDevice, openAppOverServer, openServerForFile, type ServerBackend } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'
import { installTestRoot } from '../utils/test-root'

const keys = generatePayKeys()
const wechatPayApi = new WeChatPayStub(keys, () => Math.floor(Date.now() / 1000))
afterAll(() => wechatPayApi.stop())
/** The server as in development: the WeChat sandbox and its simulated payment. */
const sandboxServer = openServerForFile()
/** The server with WeChat Pay configured (its real gateway; WeChat Pay itself is the local stand-in), over the same database. */
const wechatPayServer = openAppOverServer(sandboxServer, async () => ({ payments: new WeChatPayGateway(paySettings(keys, await wechatPayApi.start()), systemClock, fetchFromJsdom) }))

beforeEach(() => {
  installTestRoot({ privacyPlatform: createFakePlatform({ agreed: true }) })
})

const PATH = '/packageShop/order-result/index'

/** A member's unpaid pickup order, opened on 下单结果 with the pay sheet up. */
async function openUnpaid(backend: ServerBackend) {
  const member = await memberOnDevice(backend.app)
  const order = await member.placeOrder('p002', 2, { fulfilment: 'pickup', outletId: SEED_OUTLETS[0]?.id ?? null, address: null, contact: { name: '', phone: null, usePhoneOnFile: false } })
  const due = `¥${formatFen(order.totalFen)}`
  await renderPage(OrderResultPage, { path: PATH, params: { id: order.id }, backend })
  await screen.findByText('订单已提交，待支付')
  await tap(`去支付 ${due}`)
  const statusOnServer = async () => (await member.call<Order>('GET', `/api/orders/${order.id}`)).status
  return { member, order, due, statusOnServer, sheet: screen.getByTestId('pay-sheet') }
}

/** The payer's openid, as WeChat Pay reports it in the notification. */
async function openidOf(backend: ServerBackend, userId: string): Promise<string> {
  const [row] = await backend.db.query<{ openid: string }>('select openid from users where id = $1', [userId])
  if (!row) throw new Error(`no user ${userId}`)
  return row.openid
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
    const backend = wechatPayServer()
    const { member, order, due, sheet, statusOnServer } = await openUnpaid(backend)
    await within(sheet).findByText(`微信支付 ${due}`)
    expect(sheet).not.toHaveTextContent('模拟')
    const openid = await openidOf(backend, member.session.user.id)
    // WeChat's cashier takes the money; the server learns it from WeChat Pay's signed notification.
    taroFake.override('requestPayment', async () => {
      const notification = wechatPayApi.notification(paidTransaction(order.id, order.totalFen, openid))
      const answer = await backend.app.inject({ method: 'POST', url: WECHATPAY_NOTIFY_PATH, headers: notification.headers, payload: notification.body })
      if (answer.statusCode !== 204) throw new Error(`notification refused: ${answer.statusCode}`)
      return { errMsg: 'requestPayment:ok' }
    })
    await tap(`确认支付 ${due}`)
    // The server's prepay order for this order, and the cashier got parameters the merchant key signed.
    expect(wechatPayApi.prepays.at(-1)?.body).toMatchObject({ out_trade_no: order.id, amount: { total: order.totalFen }, payer: { openid } })
    const cashier = taroFake.callsTo('requestPayment').map((call) => call.args[0] as Record<string, string>)
    expect(cashier).toEqual([{ timeStamp: expect.any(String), nonceStr: expect.any(String), package: expect.stringMatching(/^prepay_id=wx[0-9a-f]+$/), signType: 'RSA', paySign: expect.any(String) }])
    const { timeStamp = '', nonceStr = '', package: pkg = '', paySign = '' } = cashier[0] ?? {}
    expect(rsaVerify(keys.merchant.publicKey, [TEST_APPID, timeStamp, nonceStr, pkg], paySign)).toBe(true)
    expect(backend.requests.filter((r) => r.endsWith('/pay'))).toEqual([])
    await screen.findByText('支付成功')
    expect(await statusOnServer()).toBe('paid')
    // Paid: there is nothing left to start paying.
    const again = await backend.app.inject({ method: 'POST', url: `/api/orders/${order.id}/payment`, headers: { authorization: `Bearer ${member.session.token}` } })
    expect(again.statusCode).toBe(409)
  })

  it('WX-PAY-1: cancelling WeChat\'s cashier keeps the order payable and says so', async () => {
    const { due, statusOnServer } = await openUnpaid(wechatPayServer())
    await screen.findByText(`微信支付 ${due}`)
    taroFake.override('requestPayment', () => {
      throw { errMsg: 'requestPayment:fail cancel' }
    })
    await tap(`确认支付 ${due}`)
    screen.getByText('已取消支付，订单已保留，可稍后支付')
    expect(await statusOnServer()).toBe('pending_payment')
  })

  it('WX-UI-4: the sandbox sheet says 模拟支付 and that nothing is charged', async () => {
    const { sheet, due } = await openUnpaid(sandboxServer())
    await within(sheet).findByText(`模拟支付 ${due}`)
    expect(sheet).toHaveTextContent('不会产生真实扣款')
  })
})

describe('payment service', () => {
  /** A real unpaid order and the parameters the WeChat Pay server signed for it. */
  async function signedPayment() {
    const backend = wechatPayServer()
    const member = await memberOnDevice(backend.app)
    const order = await member.placeOrder('p002', 1, { fulfilment: 'pickup', outletId: SEED_OUTLETS[0]?.id ?? null, address: null, contact: { name: '', phone: null, usePhoneOnFile: false } })
    const start = await member.call<PaymentStart>('POST', `/api/orders/${order.id}/payment`)
    if (start.provider !== 'wechatpay') throw new Error('expected WeChat Pay')
    return { order, start }
  }

  it('WX-PAY-1: after the cashier, the order is reloaded until the server has it paid; still unpaid → confirming, never assumed paid', async () => {
    const { order, start } = await signedPayment()
    const waits: number[] = []
    const get = jest.fn(async () => order)
    const service = createPayments({
      api: { startPayment: jest.fn(), pay: jest.fn(), get },
      openCashier: async () => ({ outcome: 'paid' }),
      wait: async (ms) => {
        waits.push(ms)
      },
    })
    await expect(service.pay(order.id, start)).resolves.toEqual({ kind: 'confirming', order })
    expect(get).toHaveBeenCalledTimes(3)
    expect(waits).toEqual([1000, 2000])
    get.mockResolvedValueOnce({ ...order, status: 'paid' })
    await expect(service.pay(order.id, start)).resolves.toMatchObject({ kind: 'paid' })
  })

  it('WX-PAY-1: the H5 build has no WeChat cashier: WeChat Pay fails there, the sandbox is the browser\'s payment', async () => {
    const { start } = await signedPayment()
    await expect(browserCashier(start)).resolves.toMatchObject({ outcome: 'failed' })
  })
})
