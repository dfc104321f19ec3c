import { deliveryFeeFen } from '@contract/rules'
import {
  buildOrderRequest,
  hasTypedContact,
  describeCartChanges,
  emptyForm,
  newIdempotencyKey,
  payStatement,
  validate,
  type CheckoutForm,
} from '@/packageShop/checkout/model'
import type { CartLine } from '@/state/cart'

const LINE: CartLine = { productId: 'p001', skuId: 'p001-5', name: '苹果', skuName: '5斤装', priceFen: 3990, image: '/x.png', quantity: 2, stock: 12 }
const DELIVERY: CheckoutForm = { ...emptyForm(null, false), name: ' 王小明 ', phone: '13912345678', city: '上海', address: '南京东路 1 号' }

describe('checkout model', () => {
  it('delivery costs ¥6 under ¥59 and nothing from ¥59; pickup never pays delivery', () => {
    expect(deliveryFeeFen(5899, 'delivery')).toBe(600)
    expect(deliveryFeeFen(5900, 'delivery')).toBe(0)
    expect(deliveryFeeFen(100, 'pickup')).toBe(0)
  })

  it('WX-UI-4: the payment statement names the amount', () => {
    expect(payStatement(2290)).toBe('提交订单后将进入支付，需支付 ¥22.90')
  })

  it('WX-PHONE-3: delivery needs a valid typed number unless the saved one is used', () => {
    expect(validate(DELIVERY, false)).toEqual({})
    expect(validate({ ...DELIVERY, phone: '' }, false).phone).toBe('请填写手机号，仅用于配送员联系你')
    expect(validate({ ...DELIVERY, phone: '1234' }, false).phone).toBe('请输入 11 位中国大陆手机号')
    expect(validate({ ...DELIVERY, phone: '', phoneMode: 'onFile' }, true)).toEqual({})
    // "onFile" without a number on file falls back to typing.
    expect(validate({ ...DELIVERY, phone: '', phoneMode: 'onFile' }, false).phone).toBeDefined()
    expect(validate({ ...DELIVERY, name: ' ', city: '', address: '' }, false)).toMatchObject({ name: '请填写收货人', city: '请填写城市', address: '请填写详细地址' })
  })

  it('WX-LAUNCH-3: pickup needs only a outlet — no name (the order number is enough), never a phone, and sends none', () => {
    const pickup: CheckoutForm = { ...DELIVERY, fulfilment: 'pickup', phone: '', outletId: 's1' }
    expect(validate(pickup, false)).toEqual({})
    expect(validate({ ...pickup, name: '' }, false)).toEqual({})
    expect(validate({ ...pickup, outletId: null }, false)).toEqual({ outlet: '请选择自提门店' })
    const request = buildOrderRequest({ ...pickup, phone: '13912345678' }, [LINE], 'key_12345678', true)
    expect(request).toMatchObject({ fulfilment: 'pickup', contact: { name: '王小明', phone: null, usePhoneOnFile: false }, address: null, outletId: 's1' })
  })

  it('WX-PRIV-9: delivery always carries typed contact; pickup only when a name was typed', () => {
    expect(hasTypedContact(DELIVERY)).toBe(true)
    const pickup: CheckoutForm = { ...DELIVERY, fulfilment: 'pickup', name: '', outletId: 's1' }
    expect(hasTypedContact(pickup)).toBe(false)
    expect(hasTypedContact({ ...pickup, name: '小王' })).toBe(true)
  })

  it('WX-PHONE-5: the saved number is referenced, never copied into the request', () => {
    const request = buildOrderRequest({ ...DELIVERY, phoneMode: 'onFile' }, [LINE], 'key_12345678', true)
    expect(request.contact).toEqual({ name: '王小明', phone: null, usePhoneOnFile: true })
    expect(request.items).toEqual([{ skuId: 'p001-5', quantity: 2, unitPriceFen: 3990 }])
    expect(request.address).toEqual({ city: '上海', detail: '南京东路 1 号' })
    expect(buildOrderRequest(DELIVERY, [LINE], 'k', false).contact).toEqual({ name: '王小明', phone: '13912345678', usePhoneOnFile: false })
  })

  it('idempotency keys fit the server pattern and differ per attempt', () => {
    const a = newIdempotencyKey()
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(newIdempotencyKey()).not.toBe(a)
  })

  it('describes what changed after a conflict, line by line', () => {
    expect(describeCartChanges([LINE], [{ ...LINE, priceFen: 4290 }])).toEqual(['「苹果 5斤装」价格由 ¥39.90 变为 ¥42.90'])
    expect(describeCartChanges([LINE], [{ ...LINE, quantity: 1, stock: 1 }])).toEqual(['「苹果 5斤装」库存仅剩 1 件，数量已调整为 1'])
    expect(describeCartChanges([LINE], [])).toEqual(['「苹果 5斤装」已售罄，已从购物车移除'])
    expect(describeCartChanges([LINE], [LINE])).toEqual([])
  })
})
