/**
 * WeChat Pay JSAPI v3 against a local stand-in (generated keys, random port): the prepay order is
 * signed with the merchant key, the client gets requestPayment parameters signed for the appid,
 * and only a verified, decrypted, matching notification marks an order paid (WX-PAY-1).
 */
import { generateKeyPairSync } from 'node:crypto'
import { OrderSchema, PaymentStartSchema } from '../src/contract'
import { rsaVerify } from '../src/payments/wechatpay-crypto'
import { beijingTime, WeChatPayGateway } from '../src/payments/wechatpay-gateway'
import { WECHATPAY_NOTIFY_PATH } from '../src/routes/payments'
import { SandboxWeChat, sandboxOpenid } from '../src/wechat/sandbox'
import { call, login, newLoginCode, TestClock } from './support/accounts'
import { appOver } from './support/catalog-app'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { placeOrder } from './support/orders'
import { generatePayKeys, paidTransaction, paySettings, TEST_APPID, WeChatPayStub, type PayKeys } from './support/wechatpay-stub'

const keys: PayKeys = generatePayKeys()

describeWithApp('WeChat Pay', (ctx) => {
  const clock = new TestClock()
  const nowSeconds = (): number => Math.floor(clock.now().getTime() / 1000)
  const stub = new WeChatPayStub(keys, nowSeconds)
  const wechat = new SandboxWeChat(clock.now)
  ctx.configure(async (db) => {
    const apiBase = await stub.start()
    return { db, now: clock.now, wechat, payments: new WeChatPayGateway(paySettings(keys, apiBase), clock.now) }
  })
  afterAll(async () => {
    await stub.stop()
  })
  afterEach(() => {
    stub.signWith = keys.platform.privateKey
  })

  /** A logged-in user with one unpaid pickup order (¥15.90). */
  async function unpaidOrder() {
    const code = newLoginCode()
    const { token } = await login(ctx.app, code)
    const order = await placeOrder(ctx.app, token)
    return { token, order, openid: sandboxOpenid(code) }
  }
  const notify = (notification: { body: string; headers: Record<string, string> }) =>
    ctx.app.inject({ method: 'POST', url: WECHATPAY_NOTIFY_PATH, headers: notification.headers, payload: notification.body })
  const statusOf = async (token: string, orderId: string) => bodyOf(await call(ctx.app, 'GET', `/api/orders/${orderId}`, { token }), OrderSchema)

  test('WX-PAY-1: the prepay order is signed with the merchant key and the client gets requestPayment parameters signed for the appid', async () => {
    const { token, order, openid } = await unpaidOrder()
    const response = await call(ctx.app, 'POST', `/api/orders/${order.id}/payment`, { token })
    const start = bodyOf(response, PaymentStartSchema)
    const prepay = stub.prepays.at(-1)
    expect(prepay?.authorizationValid).toBe(true)
    expect(prepay?.body).toMatchObject({
      appid: TEST_APPID,
      out_trade_no: order.id,
      notify_url: 'https://shop.example.com/api/wechatpay/notify',
      amount: { total: order.totalFen, currency: 'CNY' },
      payer: { openid },
    })
    if (start.provider !== 'wechatpay') throw new Error('expected WeChat Pay')
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = start.request
    expect(signType).toBe('RSA')
    expect(pkg).toMatch(/^prepay_id=wx[0-9a-f]+$/)
    expect(timeStamp).toBe(String(nowSeconds()))
    expect(rsaVerify(keys.merchant.publicKey, [TEST_APPID, timeStamp, nonceStr, pkg], paySign)).toBe(true)
    // Starting a payment changes nothing: the order is still unpaid.
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })

  test('WX-PAY-1: the prepay order expires with the unpaid order (time_expire, China time); an expired order cannot start paying', async () => {
    const { token, order } = await unpaidOrder()
    if (order.payBy === null) throw new Error('an unpaid order has a deadline')
    await call(ctx.app, 'POST', `/api/orders/${order.id}/payment`, { token })
    expect(stub.prepays.at(-1)?.body.time_expire).toBe(beijingTime(order.payBy))
    const before = stub.prepays.length
    clock.advance(Date.parse(order.payBy) - clock.now().getTime())
    expectError(await call(ctx.app, 'POST', `/api/orders/${order.id}/payment`, { token }), 409, 'ORDER_EXPIRED')
    expect(stub.prepays).toHaveLength(before)
  })

  test('WX-PAY-1: with WeChat Pay no client request marks an order paid (no /pay route, no /advance)', async () => {
    const { token, order } = await unpaidOrder()
    expect((await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token })).statusCode).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/orders/${order.id}/advance`, { token })).statusCode).toBe(404)
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })

  test('WX-PAY-1: a verified notification marks the order paid once; the same notification again changes nothing', async () => {
    const { token, order, openid } = await unpaidOrder()
    const notification = stub.notification(paidTransaction(order.id, order.totalFen, openid))
    expect((await notify(notification)).statusCode).toBe(204)
    const paid = await statusOf(token, order.id)
    expect(paid).toMatchObject({ status: 'paid' })
    clock.advance(60_000)
    expect((await notify(notification)).statusCode).toBe(204)
    expect(await statusOf(token, order.id)).toEqual(paid)
    // Paying again from the client is refused: there is nothing left to pay.
    expectError(await call(ctx.app, 'POST', `/api/orders/${order.id}/payment`, { token }), 409, 'CONFLICT')
  })

  test('WX-PAY-1: a forged notification (another key, altered body, unknown serial, no signature) is refused and the order stays unpaid', async () => {
    const { token, order, openid } = await unpaidOrder()
    const transaction = paidTransaction(order.id, order.totalFen, openid)
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    const genuine = stub.notification(transaction)
    const forgeries = [
      stub.notification(transaction, { key: attacker }),
      stub.notification(transaction, { serial: 'PUB_KEY_ID_SOMEONE_ELSE' }),
      stub.notification(transaction, { apiV3Key: Buffer.from('k'.repeat(32)) }),
      { body: genuine.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '), headers: genuine.headers },
      { body: genuine.body, headers: { 'content-type': 'application/json' } },
    ]
    for (const forged of forgeries) {
      const response = await notify(forged)
      expect({ status: response.statusCode, body: JSON.parse(response.body) as unknown }).toEqual({ status: 401, body: { code: 'FAIL', message: '签名验证失败' } })
    }
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })

  test('WX-PAY-1: a replayed notification older than five minutes is refused', async () => {
    const { token, order, openid } = await unpaidOrder()
    const notification = stub.notification(paidTransaction(order.id, order.totalFen, openid))
    clock.advance(6 * 60_000)
    expect((await notify(notification)).statusCode).toBe(401)
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })

  test('WX-PAY-1: a wrong amount, another payer or an unknown order is refused; a non-success state is acknowledged without paying', async () => {
    const { token, order, openid } = await unpaidOrder()
    const refused = [
      paidTransaction(order.id, order.totalFen - 1, openid),
      paidTransaction(order.id, order.totalFen, sandboxOpenid(newLoginCode())),
      paidTransaction('o00000000000000000000', order.totalFen, openid),
    ]
    for (const transaction of refused) expect((await notify(stub.notification(transaction))).statusCode).toBe(400)
    expect((await notify(stub.notification(paidTransaction(order.id, order.totalFen, openid, { trade_state: 'NOTPAY' })))).statusCode).toBe(204)
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })

  test('WX-PAY-1: a prepay answer without the platform signature, or WeChat Pay unreachable, is a calm 503 and the order is kept', async () => {
    const { token, order } = await unpaidOrder()
    stub.signWith = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    expectError(await call(ctx.app, 'POST', `/api/orders/${order.id}/payment`, { token }), 503, 'PAYMENT_UNAVAILABLE')
    const offline = await appOver(ctx.db, {
      now: clock.now,
      wechat,
      payments: new WeChatPayGateway(paySettings(keys, 'http://127.0.0.1:9'), clock.now),
    })
    try {
      const other = await login(offline)
      const unpaid = await placeOrder(offline, other.token)
      expectError(await call(offline, 'POST', `/api/orders/${unpaid.id}/payment`, { token: other.token }), 503, 'PAYMENT_UNAVAILABLE')
    } finally {
      await offline.close()
    }
    expect((await statusOf(token, order.id)).status).toBe('pending_payment')
  })
})

test('beijingTime writes RFC 3339 in China Standard Time, as WeChat Pay documents', () => {
  expect(beijingTime('2026-11-29T02:00:00.000Z')).toBe('2026-11-29T10:00:00+08:00')
  expect(beijingTime('2026-12-31T20:30:15.250Z')).toBe('2027-01-01T04:30:15+08:00')
})
