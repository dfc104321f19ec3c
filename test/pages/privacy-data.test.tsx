import { act, fireEvent, screen } from '@testing-library/react'
import { cartStore } from '@/app-root'
import PrivacyPage from '@/packagePrivacy/index'
import type { MyData } from '@contract/schemas'
import { CART_STORAGE_KEY } from '@/state/cart'
import { createFakeBackend } from '../utils/fake-backend'
import { renderPage } from '../utils/render-page'
import { storeSession, TEST_USER } from '../utils/session'
import { taroFake } from '../utils/taro-api'

const PATH = '/packagePrivacy/index'
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))

const DATA: MyData = {
  profile: { ...TEST_USER, avatarUrl: '/api/avatars/k1.png' },
  phone: { masked: '138****8000', source: 'wechat', savedAt: '2026-11-20T08:00:00.000Z' },
  savedOutlet: { outletId: 's1', name: '静安寺店', savedAt: '2026-11-20T08:00:00.000Z' },
  subscriptions: [{ templateId: 'T1', title: '订单发货通知', orderId: 'o1', decision: 'accept', sent: false, createdAt: '2026-11-20T08:00:00.000Z' }],
  orderCount: 2,
  activeSessions: 1,
}

function addToCart() {
  cartStore.add({ productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/x.png', stock: 12 }, 1)
}

async function openAsMember() {
  storeSession()
  const backend = createFakeBackend()
  backend.respond('/api/me/data', { status: 200, body: DATA })
  await renderPage(PrivacyPage, { path: PATH, backend })
  await flush()
  return backend
}

describe('隐私与数据: the user\'s data rights', () => {
  it('WX-DATA-2: a member sees what the server holds, with the purpose of each', async () => {
    await openAsMember()
    const section = document.querySelector('[data-testid="my-data"]')?.textContent ?? ''
    expect(section).toContain('昵称：小王；头像：已设置')
    expect(section).toContain('138****8000（微信手机号，2026-11-20）')
    expect(section).toContain('静安寺店')
    expect(section).toContain('订单发货通知 · 已同意')
    expect(section).toContain('订单 2 个')
    expect(section).toContain('仅用于配送员联系你完成订单配送')
    // The full number is never on screen.
    expect(document.body.textContent).not.toMatch(/1\d{10}/)
  })

  it('WX-DATA-5: the saved phone, the saved outlet and each subscription record are deleted one by one, each after a confirmation', async () => {
    storeSession()
    let current: MyData = { ...DATA, subscriptions: [...DATA.subscriptions, { ...DATA.subscriptions[0], templateId: 'T2', title: '取货提醒' } as MyData['subscriptions'][number]] }
    const backend = createFakeBackend()
    backend.route('GET', '/api/me/data', () => ({ status: 200, body: current }))
    backend.route('DELETE', '/api/me/phone', () => {
      current = { ...current, phone: null, profile: { ...current.profile, phoneMasked: null } }
      return { status: 204, body: '' }
    })
    backend.route('PUT', '/api/me/outlet', () => {
      current = { ...current, savedOutlet: null }
      return { status: 204, body: '' }
    })
    backend.route('DELETE', /^\/api\/me\/subscriptions\/([^/]+)\/([^/]+)$/, ({ params }) => {
      current = { ...current, subscriptions: current.subscriptions.filter((item) => !(item.orderId === params[0] && item.templateId === params[1])) }
      return { status: 204, body: '' }
    })
    await renderPage(PrivacyPage, { path: PATH, backend })
    await flush()
    const section = () => document.querySelector('[data-testid="my-data"]')?.textContent ?? ''
    // The retention text beside the phone says what the server really keeps.
    expect(section()).toContain('直到你在「隐私与数据」删除它或删除账号；每个配送订单另外加密保存该单的联系电话')

    taroFake.answerModals(false)
    fireEvent.click(screen.getByTestId('delete-phone'))
    await flush()
    expect(backend.calls.filter((call) => call.method === 'DELETE')).toEqual([])

    taroFake.answerModals(true, true, true)
    fireEvent.click(screen.getByTestId('delete-phone'))
    await flush()
    expect(section()).toContain('手机号未保存')
    expect(JSON.parse(String(taroFake.storage.get('session.v1'))).user.phoneMasked).toBeNull()

    fireEvent.click(screen.getByTestId('delete-outlet'))
    await flush()
    expect(backend.calls.find((call) => call.method === 'PUT' && call.path === '/api/me/outlet')?.body).toEqual({ outletId: null })
    expect(section()).toContain('未保存（你的位置从不保存）')

    fireEvent.click(screen.getAllByTestId('delete-subscription')[1] as HTMLElement)
    await flush()
    expect(backend.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual(['/api/me/phone', '/api/me/subscriptions/o1/T2'])
    expect(section()).toContain('订单发货通知 · 已同意')
    expect(screen.getAllByTestId('delete-subscription')).toHaveLength(1)
    expect(section()).toContain('已删除订阅记录「取货提醒」')
    // Nothing else was touched: the account and its orders stay.
    expect(section()).toContain('订单 2 个')
  })

  it('WX-DATA-1: 删除我的数据 asks first; cancelling deletes nothing', async () => {
    const backend = await openAsMember()
    fireEvent.click(screen.getByText('删除我的数据'))
    await flush()
    expect(String((taroFake.callsTo('showModal')[0]?.args[0] as { content?: string }).content)).toContain('无法撤销')
    expect(backend.calls.filter((call) => call.method === 'DELETE')).toEqual([])
    expect(taroFake.storage.has('session.v1')).toBe(true)
  })

  it('WX-DATA-1: confirmed, the server deletes everything and this device forgets the session, cart and refusals', async () => {
    addToCart()
    taroFake.storage.set('privacy.refusals.v1', JSON.stringify({ phoneNumber: { at: 1, count: 1 } }))
    const backend = await openAsMember()
    backend.respond('/api/me', { status: 204, body: '' })
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('删除我的数据'))
    await flush()

    expect(backend.calls.find((call) => call.method === 'DELETE' && call.path === '/api/me')?.headers.Authorization).toBe('Bearer server-token')
    expect(taroFake.storage.size).toBe(0)
    expect(taroFake.storage.has(CART_STORAGE_KEY)).toBe(false)
    expect(cartStore.getSnapshot().count).toBe(0)
    // The visitor's view replaces the member's and still says what happened.
    screen.getByText('你未登录')
    screen.getByText('你的数据已全部删除')
  })

  it('WX-DATA-1: when the delete fails (offline), nothing local is lost and the user is told', async () => {
    addToCart()
    const backend = await openAsMember()
    backend.offline = true
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('删除我的数据'))
    await flush()
    screen.getByText('网络不给力，请检查网络后重试')
    expect(taroFake.storage.has('session.v1')).toBe(true)
    expect(cartStore.getSnapshot().count).toBe(1)
  })

  it('WX-PROFILE-3: withdraw avatar and nickname from the data page', async () => {
    const backend = await openAsMember()
    backend.respond('/api/me/profile', { status: 200, body: { ...TEST_USER, nickname: null, avatarUrl: null } })
    backend.respond('/api/me/data', { status: 200, body: { ...DATA, profile: { ...DATA.profile, nickname: null, avatarUrl: null } } })
    taroFake.answerModals(true)
    fireEvent.click(screen.getAllByText('清除头像和昵称')[0] as HTMLElement)
    await flush()
    expect(backend.calls.some((call) => call.method === 'DELETE' && call.path === '/api/me/profile')).toBe(true)
    expect(document.querySelector('[data-testid="my-data"]')?.textContent).toContain('昵称：未设置；头像：未设置')
  })

  it('WX-DATA-2: a visitor learns the server holds nothing and can clear this device', async () => {
    addToCart()
    await renderPage(PrivacyPage, { path: PATH, backend: null })
    screen.getByText('你未登录')
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('清除本机数据'))
    await flush()
    expect(cartStore.getSnapshot().count).toBe(0)
    screen.getByText('本机数据已清除')
  })

  it('a failed load shows 重试, and retry loads the data', async () => {
    storeSession()
    const backend = createFakeBackend()
    backend.respond('/api/me/data', 'network')
    backend.respond('/api/me/data', { status: 200, body: DATA })
    await renderPage(PrivacyPage, { path: PATH, backend })
    await flush()
    fireEvent.click(screen.getByText('重试'))
    await flush()
    expect(document.querySelector('[data-testid="my-data"]')?.textContent).toContain('订单 2 个')
  })
})
