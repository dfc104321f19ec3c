/**
 * 确认订单 end to end against the fake shop backend: the phone asked only here and never forced,
 * a number on file reused, refusals remembered, pickup without a phone, one order per attempt,
 * conflicts that keep the form, login only at 提交订单, and the payment said before it happens.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { cartStore, privacy, sessionStore } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import CheckoutPage from '@/packageShop/checkout/index'
import { privacyItem } from '@/services/privacy'
import { type CartItem } from '@/state/cart'
import { createFakeBackend, type FakeBackend } from '../utils/fake-backend'
import { createFakePlatform, flushPromises, type FakePrivacyPlatform } from '../utils/fake-privacy'
import { installShop, SHOP_TOKEN, SHOP_USER } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { POPUP_APIS, taroFake } from '../utils/taro-api'
import { wechatTap } from '../utils/taro-button'
import { installTestRoot } from '../utils/test-root'

let fake: FakePrivacyPlatform
beforeEach(() => {
  fake = createFakePlatform({ agreed: true })
  installTestRoot({ privacyPlatform: fake })
})
const PATH = '/packageShop/checkout/index'
const APPLE: CartItem = { productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/api/images/products/p001/0.png', stock: 12 }
const MANGO: CartItem = { productId: 'p002', skuId: 'p002-a', name: '海南金煌芒果', skuName: '标准装', priceFen: 1690, image: '/api/images/products/p002/0.png', stock: 12 }
const PHONE_BUTTON = '一键填写微信手机号'

afterEach(() => {
  outletChoice().reload()
  fake.calls.length = 0
  fake.next = {}
})

function signIn(phoneMasked: string | null = null): void {
  sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: { ...SHOP_USER, phoneMasked } })
}

async function openCheckout(options: { member?: boolean; phoneOnFile?: boolean; items?: Array<[CartItem, number]>; backend?: FakeBackend } = {}) {
  const backend = options.backend ?? createFakeBackend()
  const shop = installShop(backend)
  if (options.phoneOnFile) shop.phoneOnFile = '13800138000'
  if (options.member ?? true) signIn(options.phoneOnFile ? '138****8000' : null)
  for (const [item, quantity] of options.items ?? [[APPLE, 2]]) cartStore.add(item, quantity)
  const page = await renderPage(CheckoutPage, { path: PATH, backend })
  return { ...page, backend, shop }
}

const field = (placeholder: string) => screen.getByPlaceholderText(placeholder) as HTMLInputElement
function type(placeholder: string, value: string) {
  fireEvent.input(field(placeholder), { target: { value } })
}
function fillDelivery(phone?: string) {
  type('请填写姓名', '王小明')
  if (phone !== undefined) type('请输入手机号', phone)
  type('如：上海', '上海')
  type('街道、门牌号', '黄浦区南京东路 1 号')
}
async function tapText(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
    await flushPromises()
  })
}
async function submit() {
  await tapText('提交订单')
  await act(flushPromises)
}
const orderPosts = (backend: FakeBackend) => backend.calls.filter((c) => c.method === 'POST' && c.path === '/api/orders')
const phoneButton = () => screen.getByText(PHONE_BUTTON).closest('[data-open-type]') as HTMLElement
const paySheet = () => screen.queryByTestId('pay-sheet')

describe('checkout: payment is announced (WX-UI-4)', () => {
  it('WX-UI-4: the amount to pay is stated on the page before 提交订单, and again in the pay sheet', async () => {
    const { backend } = await openCheckout({ items: [[MANGO, 1]] })
    // ¥16.90 + ¥6.00 delivery (under ¥59).
    const statement = screen.getByTestId('pay-statement')
    expect(statement.textContent).toBe('提交订单后将进入支付，需支付 ¥22.90')
    expect(screen.getByTestId('delivery-fen').textContent).toBe('¥6.00')
    const submitButton = screen.getByText('提交订单')
    expect(statement.compareDocumentPosition(submitButton) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
    expect(paySheet()).toBeNull()

    // Pickup has no delivery fee, and the statement follows.
    fireEvent.click(screen.getByText('自提'))
    expect(screen.getByTestId('pay-statement').textContent).toBe('提交订单后将进入支付，需支付 ¥16.90')
    fireEvent.click(screen.getByText('配送'))

    fillDelivery('13912345678')
    await submit()
    expect(orderPosts(backend)).toHaveLength(1)
    // The pay step: the server's total, before anything is paid.
    within(paySheet() as HTMLElement).getByText('模拟支付 ¥22.90')
    expect(backend.calls.some((c) => c.path.endsWith('/pay'))).toBe(false)
  })

  it('WX-UI-4: paying happens only on 确认支付, then the order result opens; 稍后支付 keeps the order payable', async () => {
    const { backend, shop } = await openCheckout()
    fillDelivery('13912345678')
    await submit()
    await tapText('稍后支付')
    expect(paySheet()).toBeNull()
    screen.getByText('订单已提交，待支付')
    expect(shop.orders[0]?.status).toBe('pending_payment')

    await tapText('去支付 ¥79.80')
    await tapText('确认支付 ¥79.80')
    await act(flushPromises)
    expect(backend.requests).toContain('POST /api/orders/o_0001/pay')
    expect(shop.orders[0]?.status).toBe('paid')
    expect(taroFake.callsTo('redirectTo')[0]?.args[0]).toMatchObject({ url: '/packageShop/order-result/index?id=o_0001' })
  })
  it('WX-UI-1: the pay sheet closes with × or the mask, and the order stays payable', async () => {
    const { shop } = await openCheckout()
    fillDelivery('13912345678')
    await submit()
    fireEvent.click(within(paySheet() as HTMLElement).getByLabelText('关闭'))
    expect(paySheet()).toBeNull()
    await tapText('去支付 ¥79.80')
    fireEvent.click(screen.getByTestId('pay-sheet-mask'))
    expect(paySheet()).toBeNull()
    expect(shop.orders[0]?.status).toBe('pending_payment')
    screen.getByText('查看订单')
  })
})

describe('checkout: the phone number (WX-PHONE-*)', () => {
  it('WX-PHONE-2: the catalog reason is right beside 一键填写微信手机号', async () => {
    await openCheckout()
    const reason = screen.getByText(privacyItem('phoneNumber').reason)
    expect(phoneButton().nextElementSibling).toBe(reason)
    expect(phoneButton().getAttribute('data-open-type')).toBe('getPhoneNumber')
    // Nothing asked by itself on the way in.
    expect(fake.calls).toEqual([])
    expect(taroFake.apiNames().filter((name) => (POPUP_APIS as readonly string[]).includes(name))).toEqual([])
  })

  it('WX-PHONE-3: a typed number places the order, validated first', async () => {
    const { backend, shop } = await openCheckout()
    fillDelivery('')
    await submit()
    screen.getByText('请填写手机号，仅用于配送员联系你')
    type('请输入手机号', '12345')
    await submit()
    screen.getByText('请输入 11 位中国大陆手机号')
    expect(orderPosts(backend)).toEqual([])
    // The cart is untouched until an order exists.
    expect(cartStore.getSnapshot().count).toBe(2)

    type('请输入手机号', '13912345678')
    await submit()
    expect(orderPosts(backend)).toHaveLength(1)
    expect(shop.placeRequests[0]?.contact).toEqual({ name: '王小明', phone: '13912345678', usePhoneOnFile: false })
    expect(shop.placeRequests[0]?.address).toEqual({ city: '上海', detail: '黄浦区南京东路 1 号' })
    expect(shop.orders[0]?.contact.phoneMasked).toBe('139****5678')
    // The order exists: its lines have left the cart.
    expect(cartStore.getSnapshot().lines).toEqual([])
  })

  it('WX-PHONE-5: the button code goes to the server, and the saved number is used for the order', async () => {
    const { backend, shop } = await openCheckout()
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' })
      await flushPromises()
    })
    expect(backend.calls.find((c) => c.path === '/api/me/phone/wechat')).toMatchObject({ method: 'POST', body: { code: 'phone-code-1' } })
    screen.getByText('使用已保存的号码 138****8000')
    expect(sessionStore.getSnapshot().user?.phoneMasked).toBe('138****8000')

    fillDelivery()
    await submit()
    expect(shop.placeRequests[0]?.contact).toEqual({ name: '王小明', phone: null, usePhoneOnFile: true })
    expect(shop.orders[0]?.contact.phoneMasked).toBe('138****8000')
  })

  it('WX-DATA-5: a visitor gets no WeChat phone button (no billed code before a login they may decline): they type, with the reason', async () => {
    const { backend } = await openCheckout({ member: false })
    expect(document.querySelector('[data-open-type="getPhoneNumber"]')).toBeNull()
    expect(screen.getByTestId('visitor-phone-hint').textContent).toBe('仅用于配送员联系你完成本单配送；登录后也可使用微信手机号')
    type('请输入手机号', '13912345678')
    expect(field('请输入手机号').value).toBe('13912345678')
    expect(backend.calls.some((c) => c.path === '/api/me/phone/wechat')).toBe(false)
  })

  it('WX-PHONE-5: a number on file is reused: no button, no WeChat request, and switching to typing stays possible', async () => {
    const { backend, shop } = await openCheckout({ phoneOnFile: true })
    screen.getByText('使用已保存的号码 138****8000')
    expect(screen.queryByText(PHONE_BUTTON)).toBeNull()
    expect(document.querySelector('[data-open-type="getPhoneNumber"]')).toBeNull()

    fillDelivery()
    await submit()
    expect(shop.placeRequests[0]?.contact).toEqual({ name: '王小明', phone: null, usePhoneOnFile: true })
    expect(backend.calls.some((c) => c.path.startsWith('/api/me/phone'))).toBe(false)

    cleanup()
    cartStore.add(APPLE, 1)
    await renderPage(CheckoutPage, { path: PATH, backend })
    fireEvent.click(screen.getByText('改用其他号码'))
    field('请输入手机号')
    expect(screen.queryByText(PHONE_BUTTON)).toBeNull()
    screen.getByText('使用已保存的号码 138****8000')
  })

  it('WX-PHONE-5: quota used up (errno 1400001) or the server quota (429) falls back to typing', async () => {
    const { backend } = await openCheckout()
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:fail quota', errno: 1400001 })
      await flushPromises()
    })
    screen.getByText('暂时无法获取微信手机号，请手动填写')
    expect(backend.calls.some((c) => c.path === '/api/me/phone/wechat')).toBe(false)
    expect(document.activeElement).toBe(field('请输入手机号'))
    expect(field('请输入手机号').className).toContain('is-emphasized')
    expect(privacy.refusals.get('phoneNumber')).toBeUndefined()

    backend.respond('/api/me/phone/wechat', { status: 429, body: { error: { code: 'PHONE_QUOTA_EXCEEDED', message: 'quota' } } })
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:ok', code: 'phone-code-2' })
      await flushPromises()
    })
    screen.getByText('暂时无法获取微信手机号，请手动填写')
    expect(screen.queryByText(/使用已保存的号码/)).toBeNull()
  })

  it('WX-PHONE-4: a refusal is remembered across a relaunch; the typed field takes over, the button stays, nothing asks by itself', async () => {
    const { backend } = await openCheckout()
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:fail user deny' })
      await flushPromises()
    })
    screen.getByText('你未授权微信手机号，请手动填写联系电话')
    expect(document.activeElement).toBe(field('请输入手机号'))
    expect(privacy.refusals.get('phoneNumber')).toBeDefined()

    // Relaunch: the refusal lives in storage; the page asks nothing and says why the field is first.
    cleanup()
    const before = taroFake.calls.length
    await renderPage(CheckoutPage, { path: PATH, backend })
    screen.getByText('你之前选择了手动填写；如需使用微信手机号，可再次点击下方按钮')
    expect(field('请输入手机号').className).toContain('is-emphasized')
    expect(phoneButton()).toHaveAttribute('data-open-type', 'getPhoneNumber')
    const popups = taroFake.calls.slice(before).filter((call) => (POPUP_APIS as readonly string[]).includes(call.api))
    expect(popups).toEqual([])
    expect(fake.calls).toEqual([])

    // And it still orders with a typed number.
    fillDelivery('13700001111')
    await submit()
    expect(orderPosts(backend)).toHaveLength(1)
  })
})

describe('checkout: pickup (WX-LAUNCH-3) and outlets', () => {
  it('WX-LAUNCH-3: a pickup order needs no phone and no name at all (the order number is enough)', async () => {
    const { shop } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    expect(screen.queryByText(PHONE_BUTTON)).toBeNull()
    expect(screen.queryByPlaceholderText('请输入手机号')).toBeNull()
    screen.getByText('到店凭订单号取货，无需填写姓名和手机号')
    screen.getByText('取货人（选填）')

    await submit()
    screen.getByText('请选择自提门店')

    await screen.findByText('人民广场店')
    await tapText('徐家汇店')
    screen.getByText('徐家汇店（上海）')
    await submit()
    expect(shop.placeRequests[0]).toMatchObject({ fulfilment: 'pickup', contact: { name: '', phone: null, usePhoneOnFile: false }, outletId: 's_sh_2', address: null })
    expect(shop.orders[0]?.contact.phoneMasked).toBeNull()
    // Nothing typed about the user: no privacy call of any kind.
    expect(fake.calls).toEqual([])
  })

  it('WX-LOC-3: when location is refused, pickup still completes by picking a outlet from the list', async () => {
    const { shop } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    await screen.findByText('人民广场店')
    fake.next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail auth deny' }
    await tapText('使用我的大致位置')
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    fireEvent.click(screen.getByText('杭州'))
    await tapText('西湖店')
    await submit()
    expect(shop.orders[0]?.outlet?.id).toBe('s_hz_1')
  })

  it('WX-LOC-4: the saved usual outlet preselects pickup; the location is not part of the order', async () => {
    outletChoice().choose({ id: 's_sh_1', name: '人民广场店', city: '上海' })
    const { shop, backend } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    screen.getByText('人民广场店（上海）')
    type('可不填，凭订单号取货', '王小明')
    await submit()
    expect(shop.placeRequests[0]?.outletId).toBe('s_sh_1')
    expect(JSON.stringify(backend.calls.map((c) => c.body))).not.toMatch(/latitude|longitude/)
  })
})

describe('checkout: one order per attempt, nothing lost', () => {
  it('a double tap on 提交订单 sends one request, and the button is disabled meanwhile', async () => {
    const { backend } = await openCheckout()
    fillDelivery('13912345678')
    const button = screen.getByText('提交订单')
    await act(async () => {
      fireEvent.click(button)
      fireEvent.click(button)
      await flushPromises()
    })
    await act(flushPromises)
    expect(orderPosts(backend)).toHaveLength(1)
  })

  it('a network failure keeps the form, and the retry reuses the same idempotency key', async () => {
    const { backend, shop } = await openCheckout()
    fillDelivery('13912345678')
    backend.respond('/api/orders', 'network')
    await submit()
    screen.getByText('网络不给力，请检查网络后重试')
    expect(field('请填写姓名').value).toBe('王小明')
    expect(cartStore.getSnapshot().count).toBe(2)

    await submit()
    const keys = orderPosts(backend).map((c) => (c.body as { idempotencyKey: string }).idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(shop.orders).toHaveLength(1)
  })

  it('PRICE_CHANGED: a clear message, the lines refreshed, every field kept; the next submit is a new attempt', async () => {
    const { backend, shop } = await openCheckout()
    fillDelivery('13912345678')
    shop.setPrice('p001-5', 4290)
    await submit()
    screen.getByText('商品价格有变化，请确认后重新提交')
    screen.getByText('「烟台红富士苹果 5斤装」价格由 ¥39.90 变为 ¥42.90')
    expect(cartStore.getSnapshot().lines[0]?.priceFen).toBe(4290)
    expect(screen.getByTestId('pay-statement').textContent).toBe('提交订单后将进入支付，需支付 ¥85.80')
    expect([field('请填写姓名').value, field('请输入手机号').value, field('如：上海').value]).toEqual(['王小明', '13912345678', '上海'])

    await submit()
    expect(shop.orders[0]?.totalFen).toBe(8580)
    const keys = orderPosts(backend).map((c) => (c.body as { idempotencyKey: string }).idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('OUT_OF_STOCK: the quantity follows the stock and the form stays', async () => {
    const { shop } = await openCheckout()
    fillDelivery('13912345678')
    shop.setStock('p001-5', 1)
    await submit()
    screen.getByText('部分商品库存不足，请调整后重新提交')
    screen.getByText('「烟台红富士苹果 5斤装」库存仅剩 1 件，数量已调整为 1')
    expect(cartStore.getSnapshot().count).toBe(1)
    expect(field('街道、门牌号').value).toBe('黄浦区南京东路 1 号')
    await submit()
    expect(shop.orders).toHaveLength(1)
  })

  it('WX-LOGIN-2: a visitor is asked to log in only at 提交订单; 暂不登录 keeps every field and the cart', async () => {
    const { backend } = await openCheckout({ member: false })
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    fillDelivery('13912345678')
    await submit()
    expect(screen.getByTestId('login-sheet').textContent).toContain('提交订单需要登录')
    await tapText('暂不登录')
    await act(flushPromises)
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    screen.getByText('未登录，订单未提交；已填写的信息和购物车都已保留')
    expect([field('请填写姓名').value, field('请输入手机号').value, field('街道、门牌号').value]).toEqual(['王小明', '13912345678', '黄浦区南京东路 1 号'])
    expect(cartStore.getSnapshot().count).toBe(2)
    expect(orderPosts(backend)).toEqual([])
  })

  it('WX-LOGIN-1: logging in from the sheet at 提交订单 places the order with the new session', async () => {
    const { backend, shop } = await openCheckout({ member: false })
    fillDelivery('13912345678')
    await submit()
    await tapText('微信一键登录')
    await waitFor(() => expect(shop.orders).toHaveLength(1))
    // Then the pay sheet asks the server how to pay.
    await waitFor(() => expect(backend.requests.slice(-3)).toEqual(['POST /api/auth/login', 'POST /api/orders', 'POST /api/orders/o_0001/payment']))
    expect(orderPosts(backend)[0]?.headers.Authorization).toBe(`Bearer ${SHOP_TOKEN}`)
    await waitFor(() => expect(paySheet()).not.toBeNull())
  })

  it('an empty cart cannot check out', async () => {
    await openCheckout({ items: [] })
    screen.getByText('购物车是空的，无法结算')
    expect(screen.queryByText('提交订单')).toBeNull()
  })
})
