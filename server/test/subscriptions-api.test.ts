import { Writable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import { MyDataSchema, OrderSchema, SubscribeTemplateSchema, type Order } from '../src/contract'
import { SANDBOX_TEMPLATES } from '../src/subscriptions/templates'
import { WeChatError, type SubscribeMessage } from '../src/wechat/api'
import { SandboxWeChat, sandboxOpenid } from '../src/wechat/sandbox'
import { call, login, newLoginCode } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError, get } from './support/http'
import { deliveryRequest, placeOrder } from './support/orders'

const [SHIPPED, PICKUP, COMPLETED] = SANDBOX_TEMPLATES.map((template) => template.id) as [string, string, string]

/** The sandbox, except that sends fail once with a given errcode (then behave normally). */
class FlakySandbox extends SandboxWeChat {
  failNext: number | null = null
  attempts: SubscribeMessage[] = []
  override async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    this.attempts.push(message)
    if (this.failNext !== null) {
      const errcode = this.failNext
      this.failNext = null
      throw new WeChatError(errcode, `test failure ${errcode}`)
    }
    return super.sendSubscribeMessage(message)
  }
}

describeWithApp('subscribe messages', (ctx) => {
  const wechat = new FlakySandbox()
  const logs: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'))
      done()
    },
  })
  ctx.configure({ wechat, devRoutes: true, logger: { level: 'info', stream } })

  /** A paid-ready delivery order of a fresh user with a nickname, and helpers around it. */
  async function orderOfNewUser() {
    const code = newLoginCode()
    const { token } = await login(ctx.app, code)
    await call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname: '订阅测试' } })
    const order = await placeOrder(ctx.app, token, deliveryRequest())
    const openid = sandboxOpenid(code)
    return {
      token,
      order,
      openid,
      sentToUser: () => wechat.sent.filter((message) => message.openid === openid),
      subscribe: (results: Record<string, unknown>) => call(ctx.app, 'POST', `/api/orders/${order.id}/subscriptions`, { token, json: { results } }),
      pay: async () => bodyOf(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), OrderSchema),
      advance: async () => bodyOf(await call(ctx.app, 'POST', `/api/orders/${order.id}/advance`, { token }), OrderSchema),
      myData: async () => bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema),
    }
  }

  test('WX-SUB-1: at most 3 order-status templates, no login needed', async () => {
    const body = bodyOf(await get(ctx.app, '/api/subscribe/templates'), Type.Object({ items: Type.Array(SubscribeTemplateSchema) }))
    expect(body.items).toEqual(SANDBOX_TEMPLATES.map(({ id, title }) => ({ id, title })))
    expect(body.items.length).toBeLessThanOrEqual(3)
  })

  test('WX-SUB-3: an accepted one-time subscription sends exactly one message, on the next status change', async () => {
    const user = await orderOfNewUser()
    const recorded = await user.subscribe({ [SHIPPED]: 'accept' })
    expect(recorded.statusCode).toBe(204)
    await user.pay()
    await user.advance()
    await user.advance()
    const sent = user.sentToUser()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ templateId: SHIPPED, page: `packageAccount/order/index?id=${user.order.id}` })
    expect(sent[0]?.data.phrase2).toEqual({ value: '已支付' })
    const [subscription] = (await user.myData()).subscriptions
    expect(subscription).toMatchObject({ templateId: SHIPPED, title: '订单发货通知', orderId: user.order.id, decision: 'accept', sent: true })
  })

  test('WX-SUB-3: each status change uses one accepted subscription, in the order they were answered', async () => {
    const user = await orderOfNewUser()
    // (取货提醒 does not fit a delivery order: WX-SUB-5.)
    expect((await user.subscribe({ [COMPLETED]: 'accept', [SHIPPED]: 'accept', [PICKUP]: 'reject' })).statusCode).toBe(400)
    await user.subscribe({ [COMPLETED]: 'accept', [SHIPPED]: 'accept' })
    await user.pay()
    await user.advance()
    await user.advance()
    expect(user.sentToUser().map((message) => [message.templateId, message.data.phrase2?.value])).toEqual([
      [COMPLETED, '已支付'],
      [SHIPPED, '已发货'],
    ])
  })

  test.each(['reject', 'ban', 'filter'] as const)('WX-SUB-3: a "%s" answer is recorded and never sent', async (decision) => {
    const user = await orderOfNewUser()
    await user.subscribe({ [SHIPPED]: decision })
    await user.pay()
    await user.advance()
    expect(user.sentToUser()).toEqual([])
    expect(wechat.attempts.filter((message) => message.openid === user.openid)).toEqual([])
    expect((await user.myData()).subscriptions).toMatchObject([{ templateId: SHIPPED, decision, sent: false }])
  })

  test('WX-SUB-3: errcode 43101 is recorded as not subscribed, not an error; the order is unaffected', async () => {
    const user = await orderOfNewUser()
    await user.subscribe({ [SHIPPED]: 'accept' })
    wechat.failNext = 43101
    const paid = await user.pay()
    expect(paid.status).toBe('paid')
    const [row] = await ctx.db.query<{ result: string; sent_at: Date | null }>(
      'select result, sent_at from subscriptions where order_id = $1',
      [user.order.id],
    )
    expect(row?.result).toBe('not_subscribed')
    expect(row?.sent_at).not.toBeNull()
    await user.advance() // used up: no second attempt
    expect(wechat.attempts.filter((message) => message.openid === user.openid)).toHaveLength(1)
    expect(logs.join('')).toContain('user not subscribed (43101)')
  })

  test('WX-SUB-3: other send failures never fail the order; they are logged and retried on the next status change', async () => {
    const user = await orderOfNewUser()
    await user.subscribe({ [SHIPPED]: 'accept' })
    wechat.failNext = -1
    const paid = await user.pay()
    expect(paid.status).toBe('paid')
    expect(user.sentToUser()).toEqual([])
    expect(logs.join('')).toMatch(/"wechatErrcode":-1.*subscribe message failed/)
    await user.advance()
    expect(user.sentToUser().map((message) => message.data.phrase2?.value)).toEqual(['已发货'])
  })

  test('WX-SUB-4: the message carries the order number, status and time only — nothing personal, nothing promotional', async () => {
    const user = await orderOfNewUser()
    await user.subscribe({ [SHIPPED]: 'accept' })
    await user.pay()
    const [message] = user.sentToUser()
    expect(Object.keys(message?.data ?? {}).sort()).toEqual(['character_string1', 'phrase2', 'time3'])
    expect(message?.data.character_string1?.value).toBe(user.order.id)
    expect(message?.data.time3?.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    const text = JSON.stringify(message)
    for (const personal of ['订阅测试', '王小明', '139', '南京西路', '上海', '国产香蕉']) expect(text).not.toContain(personal)
  })

  test('WX-SUB-2: the order is the same whether or not the user subscribes', async () => {
    const subscriber = await orderOfNewUser()
    await subscriber.subscribe({ [SHIPPED]: 'accept', [PICKUP]: 'accept', [COMPLETED]: 'accept' })
    const other = await orderOfNewUser()
    await other.subscribe({ [SHIPPED]: 'reject' })
    const comparable = (order: Order) => ({ ...order, id: '', createdAt: '', paidAt: order.paidAt === null ? null : 'set' })
    expect(comparable(await subscriber.pay())).toEqual(comparable(await other.pay()))
  })

  test('a later answer replaces an unsent one', async () => {
    const user = await orderOfNewUser()
    await user.subscribe({ [SHIPPED]: 'reject' })
    await user.subscribe({ [SHIPPED]: 'accept' })
    await user.pay()
    expect(user.sentToUser()).toHaveLength(1)
  })

  test('bad answers are 400; another user\'s order is 404; no login is 401', async () => {
    const user = await orderOfNewUser()
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'results must name 1 to 3 templates'],
      [{ [SHIPPED]: 'accept', [PICKUP]: 'accept', [COMPLETED]: 'accept', extra: 'accept' }, 'results must name 1 to 3 templates'],
      [{ 'not-a-template': 'accept' }, 'Unknown template id, or one that does not fit this order: not-a-template'],
      [{ [SHIPPED]: 'maybe' }, `results.${SHIPPED} must be one of: accept, reject, ban, filter`],
      [{ [SHIPPED]: true }, `results.${SHIPPED} must be one of: accept, reject, ban, filter`],
    ]
    for (const [results, message] of cases) {
      expect(expectError(await user.subscribe(results), 400, 'BAD_REQUEST').error.message).toBe(message)
    }
    expectError(await call(ctx.app, 'POST', `/api/orders/${user.order.id}/subscriptions`, { token: user.token, json: { results: 'x' } }), 400, 'BAD_REQUEST')
    const stranger = await login(ctx.app)
    const response = await call(ctx.app, 'POST', `/api/orders/${user.order.id}/subscriptions`, { token: stranger.token, json: { results: { [SHIPPED]: 'accept' } } })
    expectError(response, 404, 'NOT_FOUND')
    expectError(await call(ctx.app, 'POST', `/api/orders/${user.order.id}/subscriptions`, { json: { results: { [SHIPPED]: 'accept' } } }), 401, 'UNAUTHORIZED')
    expect((await user.myData()).subscriptions).toEqual([])
  })
})
