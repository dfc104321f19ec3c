import { MyDataSchema, OrderPageSchema, OrderSchema, TEXT_LIMITS } from '../src/contract'
import { DEVELOPMENT_PHONE_KEY, PhoneCipher } from '../src/phones/phone-cipher'
import { call, login } from './support/accounts'
import { appOver } from './support/catalog-app'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError } from './support/http'
import { deliveryRequest, orderRequest, placeOrder, postOrder, setStock, stockOf } from './support/orders'

describeWithApp('orders', { devRoutes: true }, (ctx) => {

  test('the answer to a new order is the order as stored: equal to reading it back (pickup, delivery, several lines)', async () => {
    // placeOrder builds the answer from what its transaction wrote instead of reading the order back (issue 13).
    const { token } = await login(ctx.app)
    const twoLines = { items: [{ skuId: 'p006-1', quantity: 2, unitPriceFen: 1590 }, { skuId: 'p013-1', quantity: 1, unitPriceFen: 5990 }] }
    for (const request of [orderRequest({ note: '  少冰 ' }), deliveryRequest(), deliveryRequest(twoLines)]) {
      const placed = await placeOrder(ctx.app, token, request)
      const read = await call(ctx.app, 'GET', `/api/orders/${placed.id}`, { token })
      expect(placed).toEqual(bodyOf(read, OrderSchema))
    }
  })

  describe('fulfilment rules', () => {
    test('WX-LAUNCH-3: a pickup order needs no phone and gets a outlet; no phone is stored even if one is sent', async () => {
      const { token, user } = await login(ctx.app)
      const order = await placeOrder(ctx.app, token, orderRequest())
      expect(order).toMatchObject({
        status: 'pending_payment',
        fulfilment: 'pickup',
        contact: { name: '', phoneMasked: null },
        address: null,
        outlet: { id: 'sh-jingan', name: '鲜选生活 静安寺店', city: '上海' },
        itemsFen: 1590,
        deliveryFen: 0,
        totalFen: 1590,
        paidAt: null,
      })
      const sent = await placeOrder(ctx.app, token, orderRequest({ contact: { name: '小王', phone: '13912345678', usePhoneOnFile: true } }))
      expect(sent.contact.phoneMasked).toBeNull()
      const rows = await ctx.db.query<{ phone_enc: string | null }>('select phone_enc from orders where user_id = $1', [user.id])
      expect(rows.map((row) => row.phone_enc)).toEqual([null, null])
    })

    test('WX-PHONE-3: a delivery order takes a typed number; it is stored encrypted and shown masked', async () => {
      const { token, user } = await login(ctx.app)
      const order = await placeOrder(ctx.app, token, deliveryRequest())
      expect(order).toMatchObject({
        fulfilment: 'delivery',
        contact: { name: '王小明', phoneMasked: '139****5678' },
        address: { city: '上海', detail: '静安区南京西路 100 弄 8 号 601' },
        outlet: null,
      })
      const [row] = await ctx.db.query<{ phone_enc: string }>('select phone_enc from orders where id = $1', [order.id])
      expect(row?.phone_enc).not.toContain('13912345678')
      expect(new PhoneCipher(DEVELOPMENT_PHONE_KEY).decrypt(row?.phone_enc ?? '', user.id)).toBe('13912345678')
    })

    test('a delivery order can use the number on file', async () => {
      const { token } = await login(ctx.app)
      await call(ctx.app, 'POST', '/api/me/phone/wechat', { token, json: { code: 'phone-code' } })
      const order = await placeOrder(ctx.app, token, deliveryRequest({ contact: { name: '王小明', phone: null, usePhoneOnFile: true } }))
      expect(order.contact.phoneMasked).toBe('138****8000')
    })

    test('a delivery order without any phone is a clear 400 and creates nothing', async () => {
      const { token, user } = await login(ctx.app)
      for (const contact of [
        { name: '王小明', phone: null, usePhoneOnFile: false },
        { name: '王小明', phone: null, usePhoneOnFile: true }, // nothing on file
      ]) {
        const error = expectError(await postOrder(ctx.app, token, deliveryRequest({ contact })), 400, 'BAD_REQUEST')
        expect(error.error.message).toBe('配送订单需要联系电话：请填写手机号，或使用微信绑定的手机号')
      }
      const [count] = await ctx.db.query<{ n: number }>('select count(*)::int as n from orders where user_id = $1', [user.id])
      expect(count?.n).toBe(0)
    })

    test.each<[string, Parameters<typeof deliveryRequest>[0], string]>([
      ['no address', { address: null }, '配送订单需要填写收货地址（城市和详细地址）'],
      ['a blank address', { address: { city: ' ', detail: 'x' } }, '配送订单需要填写收货地址（城市和详细地址）'],
      ['a long address', { address: { city: '上海', detail: '路'.repeat(101) } }, '收货地址过长'],
      ['no contact name', { contact: { name: ' ', phone: '13912345678', usePhoneOnFile: false } }, '配送订单需要填写联系人姓名'],
      ['a bad phone', { contact: { name: '王', phone: '12345', usePhoneOnFile: false } }, '请填写正确的中国大陆手机号'],
      ['control characters', { note: 'a\u0007b' }, '备注不能包含控制字符'],
      ['a long note', { note: '字'.repeat(101) }, '备注不能超过 100 个字'],
    ])('delivery with %s → 400', async (_name, overrides, message) => {
      const { token } = await login(ctx.app)
      expect(expectError(await postOrder(ctx.app, token, deliveryRequest(overrides)), 400, 'BAD_REQUEST').error.message).toContain(message)
    })

    test('pickup without a outlet, or with an unknown one, is 400', async () => {
      const { token } = await login(ctx.app)
      expect(expectError(await postOrder(ctx.app, token, orderRequest({ outletId: null })), 400, 'BAD_REQUEST').error.message).toBe('自提订单需要选择门店')
      expectError(await postOrder(ctx.app, token, orderRequest({ outletId: 'nowhere' })), 400, 'BAD_REQUEST')
    })

    test('a note may span lines and is kept', async () => {
      const { token } = await login(ctx.app)
      expect((await placeOrder(ctx.app, token, orderRequest({ note: '  请放门口\n谢谢  ' }))).note).toBe('请放门口\n谢谢')
    })

    test('each shared text limit (contract/rules.ts, the checkout inputs use the same) is accepted; one character more is not', async () => {
      const { token } = await login(ctx.app)
      const { contactName, city, addressDetail, note } = TEXT_LIMITS
      const atLimits = deliveryRequest({
        contact: { name: '名'.repeat(contactName), phone: '13912345678', usePhoneOnFile: false },
        address: { city: '城'.repeat(city), detail: '路'.repeat(addressDetail) },
        note: '字'.repeat(note),
      })
      expect((await postOrder(ctx.app, token, atLimits)).statusCode).toBe(201)
      const over: Array<Parameters<typeof deliveryRequest>[0]> = [
        { contact: { name: '名'.repeat(contactName + 1), phone: '13912345678', usePhoneOnFile: false } },
        { address: { city: '城'.repeat(city + 1), detail: '路' } },
        { address: { city: '上海', detail: '路'.repeat(addressDetail + 1) } },
        { note: '字'.repeat(note + 1) },
      ]
      for (const overrides of over) expectError(await postOrder(ctx.app, token, deliveryRequest(overrides)), 400, 'BAD_REQUEST')
    })
  })

  describe('prices', () => {
    test('delivery is free from ¥59 of goods, ¥6 below; pickup is free', async () => {
      const { token } = await login(ctx.app)
      const small = await placeOrder(ctx.app, token, deliveryRequest({ items: [{ skuId: 'p006-1', quantity: 3, unitPriceFen: 1590 }] }))
      expect(small).toMatchObject({ itemsFen: 4770, deliveryFen: 600, totalFen: 5370 })
      const large = await placeOrder(ctx.app, token, deliveryRequest({ items: [{ skuId: 'p013-1', quantity: 1, unitPriceFen: 5990 }] }))
      expect(large).toMatchObject({ itemsFen: 5990, deliveryFen: 0, totalFen: 5990 })
    })

    test('lines keep the catalog name, SKU name, server price and image', async () => {
      const { token } = await login(ctx.app)
      const order = await placeOrder(
        ctx.app,
        token,
        orderRequest({
          items: [
            { skuId: 'p001-1', quantity: 2, unitPriceFen: 3990 },
            { skuId: 'p009-1', quantity: 1, unitPriceFen: 2490 },
          ],
        }),
      )
      expect(order.items).toEqual([
        { skuId: 'p001-1', productId: 'p001', name: '赣南脐橙', skuName: '2.5kg 中果', unitPriceFen: 3990, quantity: 2, image: '/api/images/products/p001/0.png' },
        { skuId: 'p009-1', productId: 'p009', name: '海苔脆片 原味', skuName: '40g×3罐', unitPriceFen: 2490, quantity: 1, image: '/api/images/products/p009/0.png' },
      ])
      expect(order.itemsFen).toBe(3990 * 2 + 2490)
    })

    test('a tampered or outdated price is 409 PRICE_CHANGED listing every change; nothing is ordered', async () => {
      const { token, user } = await login(ctx.app)
      const before = await stockOf(ctx.db, 'p001-1')
      const response = await postOrder(
        ctx.app,
        token,
        orderRequest({
          items: [
            { skuId: 'p001-1', quantity: 1, unitPriceFen: 1 },
            { skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 },
            { skuId: 'p010-1', quantity: 1, unitPriceFen: 4000 },
          ],
        }),
      )
      const error = expectError(response, 409, 'PRICE_CHANGED')
      expect(error.error.message).toBe('商品价格有变化：赣南脐橙（2.5kg 中果） ¥0.01 → ¥39.90；黄油曲奇饼干（454g 铁盒） ¥40.00 → ¥45.90。请确认后重新提交')
      expect(await stockOf(ctx.db, 'p001-1')).toBe(before)
      expect(await ctx.db.query('select 1 from orders where user_id = $1', [user.id])).toHaveLength(0)
    })
  })

  describe('stock', () => {
    test('stock is taken when the order is placed', async () => {
      const { token } = await login(ctx.app)
      await setStock(ctx.db, 'p017-1', 10)
      await placeOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p017-1', quantity: 4, unitPriceFen: 1290 }] }))
      expect(await stockOf(ctx.db, 'p017-1')).toBe(6)
    })

    test('more than the stock is 409 OUT_OF_STOCK naming the item; no line of the order takes stock', async () => {
      const { token } = await login(ctx.app)
      await setStock(ctx.db, 'p017-1', 3)
      await setStock(ctx.db, 'p024-1', 50)
      const response = await postOrder(
        ctx.app,
        token,
        orderRequest({
          items: [
            { skuId: 'p024-1', quantity: 2, unitPriceFen: 1290 },
            { skuId: 'p017-1', quantity: 4, unitPriceFen: 1290 },
          ],
        }),
      )
      expect(expectError(response, 409, 'OUT_OF_STOCK').error.message).toBe('库存不足：山西老陈醋（420ml）仅剩 3 件')
      expect(await stockOf(ctx.db, 'p024-1')).toBe(50)
      expect(await stockOf(ctx.db, 'p017-1')).toBe(3)
    })

    test('a sold-out SKU and a delisted product are 409 OUT_OF_STOCK', async () => {
      const { token } = await login(ctx.app)
      const soldOut = await postOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p003-2', quantity: 1, unitPriceFen: 4590 }] }))
      expect(expectError(soldOut, 409, 'OUT_OF_STOCK').error.message).toBe('库存不足：海南金煌芒果（5斤装）已售罄')
      await ctx.db.query("update products set is_listed = false where id = 'p034'")
      try {
        const delisted = await postOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p034-1', quantity: 1, unitPriceFen: 1290 }] }))
        expect(expectError(delisted, 409, 'OUT_OF_STOCK').error.message).toContain('已下架')
      } finally {
        await ctx.db.query("update products set is_listed = true where id = 'p034'")
      }
    })

    test('the same idempotency key twice is one order: 201 then 200 with the first order, stock taken once', async () => {
      const { token, user } = await login(ctx.app)
      await setStock(ctx.db, 'p018-1', 20)
      const request = orderRequest({ items: [{ skuId: 'p018-1', quantity: 2, unitPriceFen: 1990 }] })
      const first = await postOrder(ctx.app, token, request)
      const again = await postOrder(ctx.app, token, request)
      expect([first.statusCode, again.statusCode]).toEqual([201, 200])
      expect(bodyOf(again, OrderSchema)).toEqual(bodyOf(first, OrderSchema))
      expect(await stockOf(ctx.db, 'p018-1')).toBe(18)
      expect(await ctx.db.query('select 1 from orders where user_id = $1', [user.id])).toHaveLength(1)
    })

    test('the same key sent 5 times at once is still one order and one stock decrement', async () => {
      const { token, user } = await login(ctx.app)
      await setStock(ctx.db, 'p018-2', 20)
      const request = orderRequest({ items: [{ skuId: 'p018-2', quantity: 1, unitPriceFen: 3290 }] })
      const responses = await Promise.all(Array.from({ length: 5 }, () => postOrder(ctx.app, token, request)))
      const statuses = responses.map((response) => response.statusCode).sort()
      expect(statuses).toEqual([200, 200, 200, 200, 201])
      expect(new Set(responses.map((response) => bodyOf(response, OrderSchema).id)).size).toBe(1)
      expect(await stockOf(ctx.db, 'p018-2')).toBe(19)
      expect(await ctx.db.query('select 1 from orders where user_id = $1', [user.id])).toHaveLength(1)
    })

    test('20 concurrent orders for a SKU with stock 5: exactly 5 succeed, stock ends at 0, never below', async () => {
      await setStock(ctx.db, 'p030-1', 5)
      const buyers = await Promise.all(Array.from({ length: 20 }, () => login(ctx.app)))
      const responses = await Promise.all(
        buyers.map(({ token }) => postOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p030-1', quantity: 1, unitPriceFen: 3990 }] }))),
      )
      const statuses = responses.map((response) => response.statusCode)
      expect(statuses.filter((status) => status === 201)).toHaveLength(5)
      expect(statuses.filter((status) => status === 409)).toHaveLength(15)
      for (const response of responses.filter((r) => r.statusCode === 409)) expectError(response, 409, 'OUT_OF_STOCK')
      expect(await stockOf(ctx.db, 'p030-1')).toBe(0)
      const [lines] = await ctx.db.query<{ n: number }>("select coalesce(sum(quantity), 0)::int as n from order_lines where sku_id = 'p030-1'")
      expect(lines?.n).toBe(5)
    })
  })

  describe('bad input', () => {
    test.each<[string, unknown, string]>([
      ['no items', { items: [] }, 'items must have at least 1 items'],
      ['21 lines', { items: Array.from({ length: 21 }, (_, i) => ({ skuId: `p0${10 + i}-1`, quantity: 1, unitPriceFen: 1 })) }, 'items must have at most 20 items'],
      ['quantity 0', { items: [{ skuId: 'p006-1', quantity: 0, unitPriceFen: 1590 }] }, 'items.0.quantity must be >= 1'],
      ['quantity 100', { items: [{ skuId: 'p006-1', quantity: 100, unitPriceFen: 1590 }] }, 'items.0.quantity must be <= 99'],
      ['a fractional quantity', { items: [{ skuId: 'p006-1', quantity: 1.5, unitPriceFen: 1590 }] }, 'items.0.quantity must be an integer'],
      ['a quantity as text', { items: [{ skuId: 'p006-1', quantity: '1', unitPriceFen: 1590 }] }, 'items.0.quantity must be an integer'],
      ['a repeated SKU', { items: [{ skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 }, { skuId: 'p006-1', quantity: 1, unitPriceFen: 1590 }] }, 'each skuId may appear only once'],
      ['an unknown SKU', { items: [{ skuId: 'p999-1', quantity: 1, unitPriceFen: 1590 }] }, 'SKU p999-1 does not exist'],
      ['a malformed SKU id', { items: [{ skuId: "p006-1' or 1=1", quantity: 1, unitPriceFen: 1590 }] }, 'items.0.skuId has an invalid format'],
      ['an unknown fulfilment', { fulfilment: 'drone' }, 'fulfilment must be one of: delivery, pickup'],
      ['no idempotency key', { idempotencyKey: undefined }, 'idempotencyKey is required'],
      ['a short idempotency key', { idempotencyKey: 'abc' }, 'idempotencyKey has an invalid format'],
      ['an oversized note', { note: 'x'.repeat(5000) }, 'note must be at most 1000 characters'],
      ['contact missing', { contact: undefined }, 'contact is required'],
      ['an extra field', { totalFen: 1 }, 'totalFen is not allowed'],
    ])('%s → 400', async (_name, overrides, message) => {
      const { token } = await login(ctx.app)
      const body = JSON.parse(JSON.stringify({ ...orderRequest(), ...(overrides as object) })) as unknown
      expect(expectError(await postOrder(ctx.app, token, body), 400, 'BAD_REQUEST').error.message).toContain(message)
    })

    test('garbage JSON, no body and no login are refused', async () => {
      const { token } = await login(ctx.app)
      const garbage = await ctx.app.inject({
        method: 'POST',
        url: '/api/orders',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{"items": [',
      })
      expectError(garbage, 400, 'BAD_REQUEST')
      expectError(await call(ctx.app, 'POST', '/api/orders', { token }), 400, 'BAD_REQUEST')
      expectError(await call(ctx.app, 'POST', '/api/orders', { json: orderRequest() }), 401, 'UNAUTHORIZED')
    })
  })

  describe('reading orders', () => {
    test('GET /api/orders pages the user\'s own orders, newest first', async () => {
      const { token } = await login(ctx.app)
      const placed = []
      for (let i = 0; i < 3; i++) placed.push(await placeOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p006-1', quantity: i + 1, unitPriceFen: 1590 }] })))
      const other = await login(ctx.app)
      await placeOrder(ctx.app, other.token)
      const first = bodyOf(await call(ctx.app, 'GET', '/api/orders?page=1&pageSize=2', { token }), OrderPageSchema)
      expect(first.total).toBe(3)
      const second = bodyOf(await call(ctx.app, 'GET', '/api/orders?page=2&pageSize=2', { token }), OrderPageSchema)
      const ids = [...first.items, ...second.items].map((order) => order.id)
      expect(new Set(ids)).toEqual(new Set(placed.map((order) => order.id)))
      expect(first.items[0]).toMatchObject({ status: 'pending_payment', fulfilment: 'pickup', firstItemName: '国产香蕉', image: '/api/images/products/p006/0.png' })
      const byId = new Map(placed.map((order) => [order.id, order]))
      for (const summary of [...first.items, ...second.items]) {
        expect(summary.itemCount).toBe(byId.get(summary.id)?.items[0]?.quantity)
        expect(summary.totalFen).toBe(byId.get(summary.id)?.totalFen)
      }
      const dates = [...first.items, ...second.items].map((order) => order.createdAt)
      expect([...dates].sort().reverse()).toEqual(dates)
    })

    test('paging input is checked', async () => {
      const { token } = await login(ctx.app)
      for (const query of ['page=0', 'pageSize=51', 'page=x', 'pageSize=Infinity']) {
        expectError(await call(ctx.app, 'GET', `/api/orders?${query}`, { token }), 400, 'BAD_REQUEST')
      }
      expectError(await call(ctx.app, 'GET', '/api/orders'), 401, 'UNAUTHORIZED')
    })

    test("WX-PROFILE-4: another user's order is 404, exactly like a missing one", async () => {
      const owner = await login(ctx.app)
      const order = await placeOrder(ctx.app, owner.token, deliveryRequest())
      expect(bodyOf(await call(ctx.app, 'GET', `/api/orders/${order.id}`, { token: owner.token }), OrderSchema)).toEqual(order)
      const stranger = await login(ctx.app)
      for (const [method, url] of [
        ['GET', `/api/orders/${order.id}`],
        ['POST', `/api/orders/${order.id}/pay`],
        ['POST', `/api/orders/${order.id}/advance`],
      ] as const) {
        const response = await call(ctx.app, method, url, { token: stranger.token })
        expectError(response, 404, 'NOT_FOUND')
        expect(response.body).not.toContain('139****5678')
      }
      expectError(await call(ctx.app, 'GET', '/api/orders/o00000000000000000000', { token: stranger.token }), 404, 'NOT_FOUND')
      expectError(await call(ctx.app, 'GET', '/api/orders/NOT-AN-ID!', { token: stranger.token }), 400, 'BAD_REQUEST')
    })
  })

  describe('payment and status', () => {
    test('pay (simulated) marks the order paid with a time; paying again changes nothing', async () => {
      const { token } = await login(ctx.app)
      const order = await placeOrder(ctx.app, token)
      const paid = bodyOf(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), OrderSchema)
      expect(paid.status).toBe('paid')
      expect(paid.paidAt).not.toBeNull()
      const again = bodyOf(await call(ctx.app, 'POST', `/api/orders/${order.id}/pay`, { token }), OrderSchema)
      expect(again).toEqual(paid)
    })

    test('advance: delivery paid → shipped → completed; pickup paid → ready_for_pickup; unpaid or completed is 409', async () => {
      const { token } = await login(ctx.app)
      const delivery = await placeOrder(ctx.app, token, deliveryRequest())
      const advance = (id: string) => call(ctx.app, 'POST', `/api/orders/${id}/advance`, { token })
      expectError(await advance(delivery.id), 409, 'CONFLICT')
      await call(ctx.app, 'POST', `/api/orders/${delivery.id}/pay`, { token })
      expect(bodyOf(await advance(delivery.id), OrderSchema).status).toBe('shipped')
      expect(bodyOf(await advance(delivery.id), OrderSchema).status).toBe('completed')
      expectError(await advance(delivery.id), 409, 'CONFLICT')
      const pickup = await placeOrder(ctx.app, token)
      await call(ctx.app, 'POST', `/api/orders/${pickup.id}/pay`, { token })
      expect(bodyOf(await advance(pickup.id), OrderSchema).status).toBe('ready_for_pickup')
    })

    test('the advance route does not exist unless dev routes are on (never in production)', async () => {
      const prod = await appOver(ctx.db)
      try {
        const { token } = await login(prod)
        const order = await placeOrder(prod, token)
        expectError(await call(prod, 'POST', `/api/orders/${order.id}/advance`, { token }), 404, 'NOT_FOUND')
      } finally {
        await prod.close()
      }
    })
  })

  describe('account deletion', () => {
    test('WX-DATA-1: deleting the account returns stock held by unpaid orders; paid orders keep theirs', async () => {
      const { token } = await login(ctx.app)
      await setStock(ctx.db, 'p033-1', 10)
      const unpaid = orderRequest({ items: [{ skuId: 'p033-1', quantity: 3, unitPriceFen: 2290 }] })
      await placeOrder(ctx.app, token, unpaid)
      const paid = await placeOrder(ctx.app, token, orderRequest({ items: [{ skuId: 'p033-1', quantity: 2, unitPriceFen: 2290 }] }))
      await call(ctx.app, 'POST', `/api/orders/${paid.id}/pay`, { token })
      expect(await stockOf(ctx.db, 'p033-1')).toBe(5)
      expect(bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema).orderCount).toBe(2)
      expect((await call(ctx.app, 'DELETE', '/api/me', { token })).statusCode).toBe(204)
      expect(await stockOf(ctx.db, 'p033-1')).toBe(8)
    })
  })
})
