/** WX-SUB-5: only the templates that fit the order are offered and accepted, at most 3. */
import { Type } from '@sinclair/typebox'
import { SubscribeTemplateSchema } from '../src/contract'
import { parseTemplates, templatesFor } from '../src/subscriptions/templates'
import { call, login } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { deliveryRequest, orderRequest, placeOrder } from './support/orders'

const TemplateList = Type.Object({ items: Type.Array(SubscribeTemplateSchema) })

test('WX-SUB-5: WECHAT_SUBSCRIBE_TEMPLATES takes an optional kind per template; templatesFor keeps what fits, at most 3', () => {
  const templates = parseTemplates('a:发货通知:delivery, b:取货提醒:pickup, c:完成通知, d:退款通知')
  expect(templates.map((t) => t.fits)).toEqual(['delivery', 'pickup', 'any', 'any'])
  expect(templatesFor(templates, 'pickup').map((t) => t.id)).toEqual(['b', 'c', 'd'])
  expect(templatesFor(templates, 'delivery').map((t) => t.id)).toEqual(['a', 'c', 'd'])
  expect(() => parseTemplates('a:发货通知:delivery, b:完成通知, c:退款通知, d:评价提醒')).toThrow('at most 3 templates fit a delivery order')
  expect(() => parseTemplates('a:发货通知:express')).toThrow('must be delivery or pickup')
})

describeWithApp('subscription templates per order', (ctx) => {

  const offered = async (query: string) => bodyOf(await call(ctx.app, 'GET', `/api/subscribe/templates${query}`), TemplateList).items.map((t) => t.title)

  test('WX-SUB-5: a pickup order is offered 取货提醒, never shipping; a delivery order 发货, never pickup', async () => {
    expect(await offered('?fulfilment=pickup')).toEqual(['取货提醒', '订单完成通知'])
    expect(await offered('?fulfilment=delivery')).toEqual(['订单发货通知', '订单完成通知'])
    expect((await call(ctx.app, 'GET', '/api/subscribe/templates?fulfilment=express')).statusCode).toBe(400)
  })

  test('WX-SUB-5: the server refuses a template that does not fit the order', async () => {
    const { token } = await login(ctx.app)
    const pickup = await placeOrder(ctx.app, token, orderRequest())
    expectError(await call(ctx.app, 'POST', `/api/orders/${pickup.id}/subscriptions`, { token, json: { results: { 'sandbox-order-shipped': 'accept' } } }), 400, 'BAD_REQUEST')
    expect((await call(ctx.app, 'POST', `/api/orders/${pickup.id}/subscriptions`, { token, json: { results: { 'sandbox-pickup-ready': 'accept' } } })).statusCode).toBe(204)
    const delivery = await placeOrder(ctx.app, token, deliveryRequest())
    expectError(await call(ctx.app, 'POST', `/api/orders/${delivery.id}/subscriptions`, { token, json: { results: { 'sandbox-pickup-ready': 'accept' } } }), 400, 'BAD_REQUEST')
  })
})
