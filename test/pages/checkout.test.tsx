/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 确认订单 end to end against the real server (seeded catalog and outlets, WeChat sandbox): the
 * phone asked only here and never forced, a number on file reused, refusals remembered, pickup
 * without a phone, one order per attempt (the server's idempotency), real price and stock conflicts
 * that keep the form, login only at 提交订单, and the payment said before it happens. Only the
 * network fault (offline) is scripted.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { cartStore, privacy, sessionStore } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import CheckoutPage from '@/packageShop/checkout/index'
import { deliveryFeeFen } from '@contract/rules'
import type { Order, OrderPage, PlaceOrderRequest } from '@contract/schemas'
import { privacyItem } from '@/services/privacy'
import { type CartItem } from '@/state/cart'
import { formatFen } from '@/utils/money'
import { flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { cartItemFromServer, changeSku, memberOnDevice, openServerForFile, seedOutlet, type ServerBackend } from '../utils/server-backend'
import { POPUP_APIS, taroFake } from '../utils/taro-api'
import { wechatTap } from '../utils/taro-button'
import { agreedPlatformPerTest } from '../utils/test-root'

const server = openServerForFile()
const fake = agreedPlatformPerTest()
const PATH = '/packageShop/checkout/index'
const PHONE_BUTTON = '一键填写微信手机号'
/** What the sandbox's getuserphonenumber returns for an ordinary code. */
const SANDBOX_PHONE_MASKED = '138****8000'
const JINGAN = seedOutlet('sh-jingan')
const XUJIAHUI = seedOutlet('sh-xujiahui')
const HUBIN = seedOutlet('hz-hubin')

afterEach(() => {
  outletChoice().reload()
  fake().calls.length = 0
  fake().next = {}
})

/** 烟台红富士苹果 5斤装 (p002) as the server sells it; two make a free-delivery order. */
const apple = () => cartItemFromServer(server().app, 'p002')

async function openCheckout(options: { member?: boolean; phoneOnFile?: boolean; items?: Array<[CartItem, number]> } = {}) {
  const backend = server()
  const member = options.member ?? true ? await memberOnDevice(backend.app, options.phoneOnFile ? { phone: '13800138000' } : {}) : null
  for (const [item, quantity] of options.items ?? [[await apple(), 2]]) cartStore.add(item, quantity)
  const page = await renderPage(CheckoutPage, { path: PATH, backend })
  return { ...page, backend, member }
}

/** The orders the server holds for whoever is signed in on the device now, newest first. */
async function ordersOnServer(backend: ServerBackend): Promise<Order[]> {
  const headers = { authorization: `Bearer ${sessionStore.token() ?? ''}` }
  const list = (await backend.app.inject({ method: 'GET', url: '/api/orders', headers })).json<OrderPage>()
  return Promise.all(list.items.map(async (o) => (await backend.app.inject({ method: 'GET', url: `/api/orders/${o.id}`, headers })).json<Order>()))
}

const field = (placeholder: string) => screen.getByPlaceholderText<HTMLInputElement>(placeholder)
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
const orderPosts = (backend: ServerBackend) => backend.calls.filter((c) => c.method === 'POST' && c.path === '/api/orders')
const sent = (backend: ServerBackend, index = 0) => orderPosts(backend)[index]?.body as PlaceOrderRequest | undefined
const phoneButton = () => screen.getByText(PHONE_BUTTON).closest('[data-open-type]') as HTMLElement
const paySheet = () => screen.queryByTestId('pay-sheet')
const yuan = (fen: number) => `¥${formatFen(fen)}`

describe('checkout: payment is announced (WX-UI-4)', () => {
  it('WX-UI-4: the amount to pay is stated on the page before 提交订单, and again in the pay sheet', async () => {
    // 海南金煌芒果 3斤装 alone is under the free-delivery threshold: the server's delivery fee applies.
    const mango = await cartItemFromServer(server().app, 'p003')
    const { backend } = await openCheckout({ items: [[mango, 1]] })
    const fee = deliveryFeeFen(mango.priceFen, 'delivery')
    expect(fee).toBeGreaterThan(0)
    const statement = screen.getByTestId('pay-statement')
    expect(statement).toHaveTextContent(`提交订单后将进入支付，需支付 ${yuan(mango.priceFen + fee)}`)
    expect(screen.getByTestId('delivery-fen')).toHaveTextContent(yuan(fee))
    const submitButton = screen.getByText('提交订单')
    expect(statement.compareDocumentPosition(submitButton) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
    expect(paySheet()).toBeNull()

    // Pickup has no delivery fee, and the statement follows.
    fireEvent.click(screen.getByText('自提'))
    expect(screen.getByTestId('pay-statement')).toHaveTextContent(`提交订单后将进入支付，需支付 ${yuan(mango.priceFen)}`)
    fireEvent.click(screen.getByText('配送'))

    fillDelivery('13912345678')
    await submit()
    expect(orderPosts(backend)).toHaveLength(1)
    // The pay step: the total the server computed, before anything is paid.
    const [order] = await ordersOnServer(backend)
    expect(order?.totalFen).toBe(mango.priceFen + fee)
    within(paySheet() as HTMLElement).getByText(`模拟支付 ${yuan(mango.priceFen + fee)}`)
    expect(backend.calls.some((c) => c.path.endsWith('/pay'))).toBe(false)
    expect(order?.status).toBe('pending_payment')
  })

  it('WX-UI-4: paying happens only on 确认支付, then the order result opens; 稍后支付 keeps the order payable', async () => {
    const { backend } = await openCheckout()
    fillDelivery('13912345678')
    await submit()
    await tapText('稍后支付')
    expect(paySheet()).toBeNull()
    screen.getByText('订单已提交，待支付')
    const [placed] = await ordersOnServer(backend)
    if (!placed) throw new Error('no order on the server')
    expect(placed.status).toBe('pending_payment')

    await tapText(`去支付 ${yuan(placed.totalFen)}`)
    await tapText(`确认支付 ${yuan(placed.totalFen)}`)
    await act(flushPromises)
    expect(backend.requests).toContain(`POST /api/orders/${placed.id}/pay`)
    expect((await ordersOnServer(backend))[0]?.status).toBe('paid')
    expect(taroFake.callsTo('redirectTo')[0]?.args[0]).toMatchObject({ url: `/packageShop/order-result/index?id=${placed.id}` })
  })
  it('WX-UI-1: the pay sheet closes with × or the mask, and the order stays payable', async () => {
    const { backend } = await openCheckout()
    fillDelivery('13912345678')
    await submit()
    fireEvent.click(within(paySheet() as HTMLElement).getByLabelText('关闭'))
    expect(paySheet()).toBeNull()
    const [placed] = await ordersOnServer(backend)
    await tapText(`去支付 ${yuan(placed?.totalFen ?? 0)}`)
    fireEvent.click(screen.getByTestId('pay-sheet-mask'))
    expect(paySheet()).toBeNull()
    expect((await ordersOnServer(backend))[0]?.status).toBe('pending_payment')
    screen.getByText('查看订单')
  })
})

describe('checkout: the phone number (WX-PHONE-*)', () => {
  it('WX-PHONE-2: the catalog reason is right beside 一键填写微信手机号', async () => {
    await openCheckout()
    const reason = screen.getByText(privacyItem('phoneNumber').reason)
    expect(phoneButton().nextElementSibling).toBe(reason)
    expect(phoneButton()).toHaveAttribute('data-open-type', 'getPhoneNumber')
    // Nothing asked by itself on the way in.
    expect(fake().calls).toEqual([])
    expect(taroFake.apiNames().filter((name) => (POPUP_APIS as readonly string[]).includes(name))).toEqual([])
  })

  it('WX-PHONE-3: a typed number places the order, validated first', async () => {
    const { backend } = await openCheckout()
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
    expect(sent(backend)?.contact).toEqual({ name: '王小明', phone: '13912345678', usePhoneOnFile: false })
    expect(sent(backend)?.address).toEqual({ city: '上海', detail: '黄浦区南京东路 1 号' })
    const [order] = await ordersOnServer(backend)
    expect(order?.contact).toEqual({ name: '王小明', phoneMasked: '139****5678' })
    expect(order?.address).toEqual({ city: '上海', detail: '黄浦区南京东路 1 号' })
    // The order exists: its lines have left the cart.
    expect(cartStore.getSnapshot().lines).toEqual([])
  })

  it('WX-PHONE-5: the button code goes to the server, and the saved number is used for the order', async () => {
    const { backend } = await openCheckout()
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' })
      await flushPromises()
    })
    expect(backend.calls.find((c) => c.path === '/api/me/phone/wechat')).toMatchObject({ method: 'POST', body: { code: 'phone-code-1' } })
    await screen.findByText(`使用已保存的号码 ${SANDBOX_PHONE_MASKED}`)
    expect(sessionStore.getSnapshot().user?.phoneMasked).toBe(SANDBOX_PHONE_MASKED)

    fillDelivery()
    await submit()
    expect(sent(backend)?.contact).toEqual({ name: '王小明', phone: null, usePhoneOnFile: true })
    expect((await ordersOnServer(backend))[0]?.contact.phoneMasked).toBe(SANDBOX_PHONE_MASKED)
  })

  it('WX-DATA-5: a visitor gets no WeChat phone button (no billed code before a login they may decline): they type, with the reason', async () => {
    const { backend } = await openCheckout({ member: false })
    expect(document.querySelector('[data-open-type="getPhoneNumber"]')).toBeNull()
    expect(screen.getByTestId('visitor-phone-hint')).toHaveTextContent('仅用于配送员联系你完成本单配送；登录后也可使用微信手机号')
    type('请输入手机号', '13912345678')
    expect(field('请输入手机号').value).toBe('13912345678')
    expect(backend.calls.some((c) => c.path === '/api/me/phone/wechat')).toBe(false)
  })

  it('WX-PHONE-5: a number on file is reused: no button, no WeChat request, and switching to typing stays possible', async () => {
    const { backend } = await openCheckout({ phoneOnFile: true })
    screen.getByText('使用已保存的号码 138****8000')
    expect(screen.queryByText(PHONE_BUTTON)).toBeNull()
    expect(document.querySelector('[data-open-type="getPhoneNumber"]')).toBeNull()

    fillDelivery()
    await submit()
    expect(sent(backend)?.contact).toEqual({ name: '王小明', phone: null, usePhoneOnFile: true })
    expect((await ordersOnServer(backend))[0]?.contact.phoneMasked).toBe('138****8000')
    expect(backend.calls.some((c) => c.path.startsWith('/api/me/phone'))).toBe(false)

    cleanup()
    cartStore.add(await apple(), 1)
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
    expect(field('请输入手机号')).toHaveAttribute('data-emphasized', 'true')
    expect(privacy.refusals.get('phoneNumber')).toBeUndefined()

    // The sandbox's code for WeChat's quota error: the server answers 429 PHONE_QUOTA_EXCEEDED.
    await act(async () => {
      wechatTap(phoneButton(), 'getPhoneNumber', { errMsg: 'getPhoneNumber:ok', code: 'sandbox-phone-quota' })
      await flushPromises()
    })
    await act(flushPromises)
    expect(backend.calls.filter((c) => c.path === '/api/me/phone/wechat')).toHaveLength(1)
    const answer = await backend.app.inject({ method: 'POST', url: '/api/me/phone/wechat', headers: { authorization: `Bearer ${sessionStore.token() ?? ''}` }, payload: { code: 'sandbox-phone-quota' } })
    expect(answer.statusCode).toBe(429)
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
    expect(field('请输入手机号')).toHaveAttribute('data-emphasized', 'true')
    expect(phoneButton()).toHaveAttribute('data-open-type', 'getPhoneNumber')
    const popups = taroFake.calls.slice(before).filter((call) => (POPUP_APIS as readonly string[]).includes(call.api))
    expect(popups).toEqual([])
    expect(fake().calls).toEqual([])

    // And it still orders with a typed number.
    fillDelivery('13700001111')
    await submit()
    expect(orderPosts(backend)).toHaveLength(1)
    expect((await ordersOnServer(backend))[0]?.contact.phoneMasked).toBe('137****1111')
  })
})

describe('checkout: pickup (WX-LAUNCH-3) and outlets', () => {
  it('WX-LAUNCH-3: a pickup order needs no phone and no name at all (the order number is enough)', async () => {
    const { backend } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    expect(screen.queryByText(PHONE_BUTTON)).toBeNull()
    expect(screen.queryByPlaceholderText('请输入手机号')).toBeNull()
    screen.getByText('到店凭订单号取货，无需填写姓名和手机号')
    screen.getByText('取货人（选填）')

    await submit()
    screen.getByText('请选择自提门店')

    await screen.findByText(JINGAN.name)
    await tapText(XUJIAHUI.name)
    screen.getByText(`${XUJIAHUI.name}（${XUJIAHUI.city}）`)
    await submit()
    expect(sent(backend)).toMatchObject({ fulfilment: 'pickup', contact: { name: '', phone: null, usePhoneOnFile: false }, outletId: XUJIAHUI.id, address: null })
    const [order] = await ordersOnServer(backend)
    expect(order).toMatchObject({ fulfilment: 'pickup', contact: { name: '', phoneMasked: null }, outlet: { id: XUJIAHUI.id } })
    // Nothing typed about the user: no privacy call of any kind.
    expect(fake().calls).toEqual([])
  })

  it('WX-LOC-3: when location is refused, pickup still completes by picking a outlet from the list', async () => {
    const { backend } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    await screen.findByText(JINGAN.name)
    fake().next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail auth deny' }
    await tapText('使用我的大致位置')
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    fireEvent.click(screen.getByText(HUBIN.city))
    await tapText(HUBIN.name)
    await submit()
    expect((await ordersOnServer(backend))[0]?.outlet?.id).toBe(HUBIN.id)
  })

  it('WX-LOC-4: the saved usual outlet preselects pickup; the location is not part of the order', async () => {
    outletChoice().choose({ id: JINGAN.id, name: JINGAN.name, city: JINGAN.city })
    const { backend } = await openCheckout()
    fireEvent.click(screen.getByText('自提'))
    screen.getByText(`${JINGAN.name}（${JINGAN.city}）`)
    type('可不填，凭订单号取货', '王小明')
    await submit()
    expect(sent(backend)?.outletId).toBe(JINGAN.id)
    expect((await ordersOnServer(backend))[0]?.outlet?.id).toBe(JINGAN.id)
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
    expect(await ordersOnServer(backend)).toHaveLength(1)
  })

  it('a network failure keeps the form, and the retry reuses the same idempotency key', async () => {
    const { backend } = await openCheckout()
    fillDelivery('13912345678')
    backend.respond('/api/orders', 'network')
    await submit()
    screen.getByText('网络不给力，请检查网络后重试')
    expect(field('请填写姓名')).toHaveValue('王小明')
    expect(cartStore.getSnapshot().count).toBe(2)

    await submit()
    const keys = orderPosts(backend).map((c) => (c.body as PlaceOrderRequest).idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    const orders = await ordersOnServer(backend)
    expect(orders).toHaveLength(1)
    // Had the first answer been lost after the server placed the order, the resend would get that
    // same order back: the server keeps one order per key.
    const again = await backend.app.inject({ method: 'POST', url: '/api/orders', headers: { authorization: `Bearer ${sessionStore.token() ?? ''}` }, payload: orderPosts(backend)[1]?.body as PlaceOrderRequest })
    expect(again.json<Order>().id).toBe(orders[0]?.id)
    expect(await ordersOnServer(backend)).toHaveLength(1)
  })

  it('PRICE_CHANGED: a clear message, the lines refreshed, every field kept; the next submit is a new attempt', async () => {
    // 丹东草莓 (p004), a product no other test orders: its price really changes in the database.
    const strawberry = await cartItemFromServer(server().app, 'p004')
    const { backend } = await openCheckout({ items: [[strawberry, 2]] })
    fillDelivery('13912345678')
    const newPrice = strawberry.priceFen + 300
    await changeSku(backend.db, strawberry.skuId, { priceFen: newPrice })
    await submit()
    screen.getByText('商品价格有变化，请确认后重新提交')
    screen.getByText(`「${strawberry.name} ${strawberry.skuName}」价格由 ${yuan(strawberry.priceFen)} 变为 ${yuan(newPrice)}`)
    expect(cartStore.getSnapshot().lines[0]?.priceFen).toBe(newPrice)
    expect(screen.getByTestId('pay-statement')).toHaveTextContent(`提交订单后将进入支付，需支付 ${yuan(2 * newPrice)}`)
    expect([field('请填写姓名').value, field('请输入手机号').value, field('如：上海').value]).toEqual(['王小明', '13912345678', '上海'])
    expect(await ordersOnServer(backend)).toEqual([])

    await submit()
    expect((await ordersOnServer(backend))[0]?.totalFen).toBe(2 * newPrice)
    const keys = orderPosts(backend).map((c) => (c.body as PlaceOrderRequest).idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('OUT_OF_STOCK: the quantity follows the stock and the form stays', async () => {
    // 黄油曲奇饼干 (p010), a product no other test orders: all but one sold in the database.
    const cookies = await cartItemFromServer(server().app, 'p010')
    const { backend } = await openCheckout({ items: [[cookies, 2]] })
    fillDelivery('13912345678')
    await changeSku(backend.db, cookies.skuId, { stock: 1 })
    await submit()
    screen.getByText('部分商品库存不足，请调整后重新提交')
    screen.getByText(`「${cookies.name} ${cookies.skuName}」库存仅剩 1 件，数量已调整为 1`)
    expect(cartStore.getSnapshot().count).toBe(1)
    expect(field('街道、门牌号')).toHaveValue('黄浦区南京东路 1 号')
    await submit()
    expect(await ordersOnServer(backend)).toHaveLength(1)
    // The last one is sold: the server's stock is 0 now.
    expect((await cartItemFromServer(backend.app, 'p010', cookies.skuId)).stock).toBe(0)
  })

  it('WX-LOGIN-2: a visitor is asked to log in only at 提交订单; 暂不登录 keeps every field and the cart', async () => {
    const { backend } = await openCheckout({ member: false })
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    fillDelivery('13912345678')
    await submit()
    expect(screen.getByTestId('login-sheet')).toHaveTextContent('提交订单需要登录')
    await tapText('暂不登录')
    await act(flushPromises)
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    screen.getByText('未登录，订单未提交；已填写的信息和购物车都已保留')
    expect([field('请填写姓名').value, field('请输入手机号').value, field('街道、门牌号').value]).toEqual(['王小明', '13912345678', '黄浦区南京东路 1 号'])
    expect(cartStore.getSnapshot().count).toBe(2)
    expect(orderPosts(backend)).toEqual([])
  })

  it('WX-LOGIN-1: logging in from the sheet at 提交订单 places the order with the new session', async () => {
    const { backend } = await openCheckout({ member: false })
    fake().next.login = { code: `checkout-login-${Date.now()}` }
    fillDelivery('13912345678')
    await submit()
    await tapText('微信一键登录')
    // The sandbox's login, then the order, then the pay sheet asks the server how to pay.
    await waitFor(() => expect(backend.requests.slice(-3)).toEqual(['POST /api/auth/login', 'POST /api/orders', expect.stringMatching(/^POST \/api\/orders\/[^/]+\/payment$/)]))
    const orders = await ordersOnServer(backend)
    expect(orders).toHaveLength(1)
    expect(backend.requests.at(-1)).toBe(`POST /api/orders/${orders[0]?.id}/payment`)
    expect(orderPosts(backend)[0]?.headers.Authorization).toBe(`Bearer ${sessionStore.token()}`)
    await waitFor(() => expect(paySheet()).toBeInTheDocument())
  })

  it('an empty cart cannot check out', async () => {
    await openCheckout({ items: [] })
    screen.getByText('购物车是空的，无法结算')
    expect(screen.queryByText('提交订单')).toBeNull()
  })
})
