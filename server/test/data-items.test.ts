/**
 * WX-DATA-5: each item the user gave can be deleted on its own — the saved phone, the saved outlet,
 * one subscription record — and everything else stays.
 */
import { MyDataSchema, OrderSchema } from '../src/contract'
import { SandboxWeChat } from '../src/wechat/sandbox'
import { call, login } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { deliveryRequest, placeOrder } from './support/orders'

describeWithApp('per-item deletion', (ctx) => {
  const wechat = new SandboxWeChat()
  ctx.configure({ wechat, devRoutes: true })

  async function userWithEverything() {
    const { token } = await login(ctx.app)
    await call(ctx.app, 'PUT', '/api/me/phone', { token, json: { phone: '13612345678' } })
    await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'sh-jingan' } })
    const order = await placeOrder(ctx.app, token, deliveryRequest({ contact: { name: '王小明', phone: null, usePhoneOnFile: true } }))
    const results = { 'sandbox-order-shipped': 'accept', 'sandbox-order-completed': 'accept' }
    await call(ctx.app, 'POST', `/api/orders/${order.id}/subscriptions`, { token, json: { results } })
    return { token, order }
  }
  const myData = async (token: string) => bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema)

  test('WX-DATA-5: the saved phone is deleted on its own; the order keeps its delivery contact, as the retention text says', async () => {
    const { token, order } = await userWithEverything()
    expect((await call(ctx.app, 'DELETE', '/api/me/phone', { token })).statusCode).toBe(204)
    const data = await myData(token)
    expect(data.phone).toBeNull()
    expect(data.profile.phoneMasked).toBeNull()
    expect(data.savedOutlet).not.toBeNull()
    expect(data.subscriptions).toHaveLength(2)
    const kept = bodyOf(await call(ctx.app, 'GET', `/api/orders/${order.id}`, { token }), OrderSchema)
    expect(kept.contact.phoneMasked).toBe('136****5678')
  })

  test('WX-DATA-5: the saved outlet is deleted on its own', async () => {
    const { token } = await userWithEverything()
    expect((await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: null } })).statusCode).toBe(204)
    const data = await myData(token)
    expect(data.savedOutlet).toBeNull()
    expect(data.phone).not.toBeNull()
  })

  test('WX-DATA-5: one subscription record is deleted on its own, and no message is sent through it', async () => {
    const { token, order } = await userWithEverything()
    const response = await call(ctx.app, 'DELETE', `/api/me/subscriptions/${order.id}/${encodeURIComponent('sandbox-order-shipped')}`, { token })
    expect(response.statusCode).toBe(204)
    const data = await myData(token)
    expect(data.subscriptions.map((item) => item.templateId)).toEqual(['sandbox-order-completed'])
    expect(data.phone).not.toBeNull()

    const sentBefore = wechat.sent.length
    await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token })
    // The status change goes out through the record that is left, never through the deleted one.
    expect(wechat.sent.slice(sentBefore).map((message) => message.templateId)).toEqual(['sandbox-order-completed'])

    // Again, or someone else's: 404, nothing changes.
    expectError(await call(ctx.app, 'DELETE', `/api/me/subscriptions/${order.id}/sandbox-order-shipped`, { token }), 404, 'NOT_FOUND')
    const other = await login(ctx.app)
    expectError(await call(ctx.app, 'DELETE', `/api/me/subscriptions/${order.id}/sandbox-order-completed`, { token: other.token }), 404, 'NOT_FOUND')
    expect((await myData(token)).subscriptions).toHaveLength(1)
    expect((await call(ctx.app, 'DELETE', `/api/me/subscriptions/${order.id}/x`, {})).statusCode).toBe(401)
  })
})
