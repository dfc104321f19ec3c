import { MyDataSchema, UserProfileSchema } from '../src/contract'
import { call, IMAGES, login, multipart, newLoginCode } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { deliveryRequest, placeOrder } from './support/orders'
import { rowsAboutUser, tablesWithUserId } from './support/user-rows'

describeWithApp('data rights', (ctx) => {

  /**
   * A user who has given everything the app can hold: nickname, avatar, phone, a saved outlet, an
   * order with its lines and a subscription, and two sessions.
   */
  async function fullUser(): Promise<{ tokens: string[]; userId: string; avatarUrl: string; orderId: string }> {
    const code = newLoginCode()
    const first = await login(ctx.app, code)
    const second = await login(ctx.app, code)
    const token = first.token
    await call(ctx.app, 'PUT', '/api/me/profile', { token, json: { nickname: '删除测试' } })
    const { payload, headers } = multipart({ field: 'avatar', filename: 'a.png', contentType: 'image/png', bytes: IMAGES.png })
    const avatar = await ctx.app.inject({ method: 'POST', url: '/api/me/avatar', payload, headers: { ...headers, authorization: `Bearer ${token}` } })
    await call(ctx.app, 'PUT', '/api/me/phone', { token, json: { phone: '13612345678' } })
    await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'sh-jingan' } })
    const order = await placeOrder(ctx.app, token, deliveryRequest())
    await call(ctx.app, 'POST', `/api/orders/${order.id}/subscriptions`, { token, json: { results: { 'sandbox-order-shipped': 'accept' } } })
    return { tokens: [first.token, second.token], userId: first.user.id, avatarUrl: bodyOf(avatar, UserProfileSchema).avatarUrl ?? '', orderId: order.id }
  }

  test('WX-DATA-2: GET /api/me/data shows everything held about the user', async () => {
    const user = await fullUser()
    const data = bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token: user.tokens[0] }), MyDataSchema)
    expect(data).toMatchObject({
      profile: { id: user.userId, nickname: '删除测试', avatarUrl: user.avatarUrl, phoneMasked: '136****5678' },
      phone: { masked: '136****5678', source: 'manual' },
      savedOutlet: { outletId: 'sh-jingan', name: '鲜选生活 静安寺店' },
      subscriptions: [{ templateId: 'sandbox-order-shipped', title: '订单发货通知', orderId: user.orderId, decision: 'accept', sent: false }],
      orderCount: 1,
      activeSessions: 2,
    })
    // Masked only: the full number never leaves the server.
    expect(JSON.stringify(data)).not.toContain('13612345678')
  })

  test('every user_id column references users with ON DELETE CASCADE', async () => {
    const tables = await tablesWithUserId(ctx.db)
    expect(tables).toEqual(['avatars', 'order_lines', 'orders', 'phones', 'sessions', 'subscriptions', 'user_preferences'])
    const cascades = await ctx.db.query<{ table_name: string }>(
      `select kcu.table_name
       from information_schema.key_column_usage kcu
       join information_schema.referential_constraints rc
         on rc.constraint_name = kcu.constraint_name and rc.constraint_schema = kcu.constraint_schema
       join information_schema.constraint_column_usage ccu
         on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
       where kcu.table_schema = current_schema() and kcu.column_name = 'user_id'
         and ccu.table_name = 'users' and ccu.column_name = 'id' and rc.delete_rule = 'CASCADE'`,
    )
    expect([...new Set(cascades.map((row) => row.table_name))].sort()).toEqual(tables)
  })

  test('WX-DATA-1: DELETE /api/me leaves no row about the user in any table, and every session ends', async () => {
    const doomed = await fullUser()
    const bystander = await fullUser()
    const before = await rowsAboutUser(ctx.db, doomed.userId)
    // The user has rows in every table that can hold data about a user.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([])

    const response = await call(ctx.app, 'DELETE', '/api/me', { token: doomed.tokens[0] })
    expect(response.statusCode).toBe(204)

    const after = await rowsAboutUser(ctx.db, doomed.userId)
    expect(after).toEqual(Object.fromEntries(Object.keys(after).map((table) => [table, 0])))
    for (const token of doomed.tokens) expectError(await call(ctx.app, 'GET', '/api/me', { token }), 401, 'UNAUTHORIZED')
    expectError(await ctx.app.inject({ method: 'GET', url: doomed.avatarUrl }), 404, 'NOT_FOUND')
    // Nobody else is touched.
    expect(await rowsAboutUser(ctx.db, bystander.userId)).toEqual(before)
    expect((await call(ctx.app, 'GET', '/api/me', { token: bystander.tokens[0] })).statusCode).toBe(200)
  })

  test('WX-DATA-1: logging in again after deletion starts a new, empty account', async () => {
    const code = newLoginCode()
    const first = await login(ctx.app, code)
    await call(ctx.app, 'PUT', '/api/me/profile', { token: first.token, json: { nickname: '旧账号' } })
    await call(ctx.app, 'DELETE', '/api/me', { token: first.token })
    const again = await login(ctx.app, code)
    expect(again.user.id).not.toBe(first.user.id)
    expect(again.user.nickname).toBeNull()
  })

  test('authenticated routes answer 401 without a token', async () => {
    const routes: ['GET' | 'PUT' | 'POST' | 'DELETE', string][] = [
      ['GET', '/api/me'],
      ['PUT', '/api/me/profile'],
      ['DELETE', '/api/me/profile'],
      ['POST', '/api/me/avatar'],
      ['GET', '/api/me/data'],
      ['DELETE', '/api/me'],
      ['POST', '/api/auth/logout'],
      ['PUT', '/api/me/outlet'],
      ['POST', '/api/me/phone/wechat'],
      ['PUT', '/api/me/phone'],
      ['DELETE', '/api/me/phone'],
      ['POST', '/api/orders'],
      ['GET', '/api/orders'],
      ['GET', '/api/orders/o00000000000000000000'],
      ['POST', '/api/orders/o00000000000000000000/pay'],
      ['POST', '/api/orders/o00000000000000000000/subscriptions'],
    ]
    for (const [method, url] of routes) {
      const response = await call(ctx.app, method, url, method === 'PUT' ? { json: { nickname: 'x' } } : {})
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 401 })
    }
  })
})
