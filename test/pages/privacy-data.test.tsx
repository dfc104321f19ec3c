/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 隐私与数据 against the real server: a member who has given it a nickname, an avatar, a WeChat phone
 * number, a usual outlet, two orders and two subscription answers, all through its API. What the
 * page shows is what /api/me/data holds, and every delete is checked on the server. Only the offline
 * cases are fakes.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { FastifyInstance } from 'fastify'
import { cartStore } from '@/app-root'
import PrivacyPage from '@/packagePrivacy/index'
import type { MyData, SubscribeTemplate } from '@contract/schemas'
import { CART_STORAGE_KEY } from '@/state/cart'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { renderPage } from '../utils/render-page'
import { cartItemFromServer, FULL_PHONE_IN_TEXT, memberOnDevice, openServerForFile, uploadAvatar } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const PATH = '/packagePrivacy/index'
const server = openServerForFile()
const OUTLET = SEED_OUTLETS[0]
const PRODUCT_ID = SEED_PRODUCTS[0]?.id ?? ''
if (!OUTLET) throw new Error('seed data missing')
const PICKUP = { fulfilment: 'pickup', outletId: OUTLET.id, address: null, contact: { name: '王小明', phone: null, usePhoneOnFile: false } } as const

const section = () => screen.getByTestId('my-data')

/** A member on this device with one of every kind of data the server keeps. */
async function memberWithData(app: FastifyInstance) {
  const member = await memberOnDevice(app)
  await member.call('PUT', '/api/me/profile', { nickname: '小王' })
  await uploadAvatar(app, member.session.token)
  // The sandbox's WeChat gives 13800138000 for a phone button code.
  await member.call('POST', '/api/me/phone/wechat', { code: 'privacy-page-phone' })
  await member.call('PUT', '/api/me/outlet', { outletId: PICKUP.outletId })
  const first = await member.placeOrder(PRODUCT_ID, 1, PICKUP)
  await member.placeOrder(PRODUCT_ID, 1, PICKUP)
  const templates = (await member.call<{ items: SubscribeTemplate[] }>('GET', '/api/subscribe/templates?fulfilment=pickup')).items.slice(0, 2)
  if (templates.length < 2) throw new Error('the server offers fewer than 2 pickup templates')
  await member.call('POST', `/api/orders/${first.id}/subscriptions`, { results: Object.fromEntries(templates.map((t) => [t.id, 'accept'])) })
  const data = () => member.call<MyData>('GET', '/api/me/data')
  return { member, templates, data }
}

async function openAsMember() {
  const backend = server()
  const setup = await memberWithData(backend.app)
  await renderPage(PrivacyPage, { path: PATH, backend })
  await waitFor(() => expect(section()).toHaveTextContent('订单 2 个'))
  return { backend, ...setup }
}

async function addToCart(count: number) {
  cartStore.add(await cartItemFromServer(server().app, PRODUCT_ID), count)
}

describe('隐私与数据: the user\'s data rights', () => {
  it('WX-DATA-2: a member sees what the server holds, with the purpose of each', async () => {
    const { templates } = await openAsMember()
    expect(section()).toHaveTextContent('昵称：小王；头像：已设置')
    expect(section()).toHaveTextContent(/138\*{4}8000（微信手机号，\d{4}-\d{2}-\d{2}）/)
    expect(section()).toHaveTextContent(OUTLET.name)
    for (const template of templates) expect(section()).toHaveTextContent(`${template.title} · 已同意`)
    expect(section()).toHaveTextContent('订单 2 个')
    expect(section()).toHaveTextContent('仅用于配送员联系你完成订单配送')
    // The full number is never on screen.
    expect(document.body.textContent).not.toMatch(FULL_PHONE_IN_TEXT)
  })

  it('WX-DATA-5: the saved phone, the saved outlet and each subscription record are deleted one by one, each after a confirmation', async () => {
    const { backend, data } = await openAsMember()
    // The retention text beside the phone says what the server really keeps.
    expect(section()).toHaveTextContent('直到你在「隐私与数据」删除它或删除账号；每个配送订单另外加密保存该单的联系电话')
    const deletes = () => backend.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)

    taroFake.answerModals(false)
    fireEvent.click(screen.getByTestId('delete-phone'))
    await waitFor(() => expect(taroFake.callsTo('showModal')).toHaveLength(1))
    expect(deletes()).toEqual([])
    expect((await data()).phone).not.toBeNull()

    taroFake.answerModals(true, true, true)
    fireEvent.click(screen.getByTestId('delete-phone'))
    await waitFor(() => expect(section()).toHaveTextContent('手机号未保存'))
    expect((await data()).phone).toBeNull()
    expect(JSON.parse(String(taroFake.storage.get('session.v1'))).user.phoneMasked).toBeNull()

    fireEvent.click(screen.getByTestId('delete-outlet'))
    await waitFor(() => expect(section()).toHaveTextContent('未保存（你的位置从不保存）'))
    expect(backend.calls.find((call) => call.method === 'PUT' && call.path === '/api/me/outlet')?.body).toEqual({ outletId: null })
    expect((await data()).savedOutlet).toBeNull()

    const [kept, removed] = (await data()).subscriptions
    if (!kept || !removed) throw new Error('expected two subscription records')
    fireEvent.click(screen.getAllByTestId('delete-subscription')[1] as HTMLElement)
    await waitFor(() => expect(section()).toHaveTextContent(`已删除订阅记录「${removed.title}」`))
    expect(deletes()).toEqual(['/api/me/phone', `/api/me/subscriptions/${removed.orderId}/${removed.templateId}`])
    expect(section()).toHaveTextContent(`${kept.title} · 已同意`)
    expect(screen.getAllByTestId('delete-subscription')).toHaveLength(1)
    expect((await data()).subscriptions).toEqual([kept])
    // Nothing else was touched: the account and its orders stay.
    expect(section()).toHaveTextContent('订单 2 个')
    expect((await data()).orderCount).toBe(2)
  })

  it('WX-DATA-1: 删除我的数据 asks first; cancelling deletes nothing', async () => {
    const { backend, data } = await openAsMember()
    fireEvent.click(screen.getByText('删除我的数据'))
    await waitFor(() => expect(taroFake.callsTo('showModal')).toHaveLength(1))
    expect(String((taroFake.callsTo('showModal')[0]?.args[0] as { content?: string }).content)).toContain('无法撤销')
    expect(backend.calls.filter((call) => call.method === 'DELETE')).toEqual([])
    expect(taroFake.storage.has('session.v1')).toBe(true)
    expect((await data()).orderCount).toBe(2)
  })

  it('WX-DATA-1: confirmed, the server deletes everything and this device forgets the session, cart and refusals', async () => {
    await addToCart(1)
    taroFake.storage.set('privacy.refusals.v1', JSON.stringify({ phoneNumber: { at: 1, count: 1 } }))
    const { backend, member } = await openAsMember()
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('删除我的数据'))
    await screen.findByText('你的数据已全部删除')

    expect(backend.calls.find((call) => call.method === 'DELETE' && call.path === '/api/me')?.headers.Authorization).toBe(`Bearer ${member.session.token}`)
    // Gone on the server: the account's session no longer opens anything.
    expect((await backend.app.inject({ method: 'GET', url: '/api/me/data', headers: { authorization: `Bearer ${member.session.token}` } })).statusCode).toBe(401)
    expect(taroFake.storage.size).toBe(0)
    expect(taroFake.storage.has(CART_STORAGE_KEY)).toBe(false)
    expect(cartStore.getSnapshot().count).toBe(0)
    // The visitor's view replaces the member's and still says what happened.
    screen.getByText('你未登录')
    screen.getByText('你的数据已全部删除')
  })

  it('WX-DATA-1: when the delete fails (offline), nothing local is lost and the user is told', async () => {
    await addToCart(1)
    const { backend, data } = await openAsMember()
    backend.offline = true
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('删除我的数据'))
    await screen.findByText('网络不给力，请检查网络后重试')
    expect(taroFake.storage.has('session.v1')).toBe(true)
    expect(cartStore.getSnapshot().count).toBe(1)
    expect((await data()).orderCount).toBe(2)
  })

  it('WX-PROFILE-3: withdraw avatar and nickname from the data page', async () => {
    const { backend, data } = await openAsMember()
    taroFake.answerModals(true)
    fireEvent.click(screen.getAllByText('清除头像和昵称')[0] as HTMLElement)
    await waitFor(() => expect(section()).toHaveTextContent('昵称：未设置；头像：未设置'))
    expect(backend.calls.some((call) => call.method === 'DELETE' && call.path === '/api/me/profile')).toBe(true)
    expect((await data()).profile).toMatchObject({ nickname: null, avatarUrl: null })
  })

  it('WX-DATA-2: a visitor learns the server holds nothing and can clear this device', async () => {
    await addToCart(1)
    await renderPage(PrivacyPage, { path: PATH, backend: null })
    screen.getByText('你未登录')
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('清除本机数据'))
    await screen.findByText('本机数据已清除')
    expect(cartStore.getSnapshot().count).toBe(0)
  })

  it('a failed load shows 重试, and retry loads the data', async () => {
    const backend = server()
    await memberWithData(backend.app)
    backend.respond('/api/me/data', 'network')
    await renderPage(PrivacyPage, { path: PATH, backend })
    fireEvent.click(await screen.findByText('重试'))
    await waitFor(() => expect(section()).toHaveTextContent('订单 2 个'))
  })
})
