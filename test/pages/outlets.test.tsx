/**
 * 门店: outlets by city for everyone, the nearest ones from a fuzzy location only on a tap, a calm
 * path after a refusal, and a usual outlet saved without ever saving the location.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { privacy, sessionStore } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import OutletsPage from '@/packageShop/outlets/index'
import { privacyItem } from '@/services/privacy'
import { OUTLET_CHOICE_KEY } from '@/state/outlet-choice'
import { createFakeBackend } from '../utils/fake-backend'
import { createFakePlatform, flushPromises, type FakePrivacyPlatform } from '../utils/fake-privacy'
import { installShop, SHOP_TOKEN, SHOP_USER } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'
import { installTestRoot } from '../utils/test-root'

let fake: FakePrivacyPlatform
beforeEach(() => {
  fake = createFakePlatform({ agreed: true })
  installTestRoot({ privacyPlatform: fake })
})
const PATH = '/packageShop/outlets/index'
const LOCATE = '使用我的大致位置'
const DENY = { errMsg: 'getFuzzyLocation:fail auth deny' }

afterEach(() => {
  outletChoice().reload()
  fake.calls.length = 0
  fake.next = {}
})

async function open() {
  const backend = createFakeBackend()
  const shop = installShop(backend)
  const page = await renderPage(OutletsPage, { path: PATH, backend })
  await screen.findByText('人民广场店')
  return { ...page, backend, shop }
}

async function tap(text: string) {
  await act(async () => {
    fireEvent.click(screen.getByText(text))
    await flushPromises()
  })
}

const byCity = () => screen.getByTestId('outlets-by-city')
const storageText = () => [...taroFake.storage.values()].map(String).join('\n')

describe('门店 (outlets)', () => {
  it('WX-LOC-2: the reason sits beside 使用我的大致位置, and nothing is asked before the tap', async () => {
    const { backend } = await open()
    const button = screen.getByText(LOCATE)
    const reason = screen.getByText(privacyItem('fuzzyLocation').reason)
    expect(button.closest('.outlet-picker__locate')).toBe(reason.parentElement)
    expect(fake.calls).toEqual([])
    expect(backend.requests).toEqual(['GET /api/outlets'])
    // The city list works on its own: 上海 first, another city one tap away.
    within(byCity()).getByText('徐家汇店')
    fireEvent.click(within(byCity()).getByText('杭州'))
    within(byCity()).getByText('西湖店')
    expect(within(byCity()).queryByText('人民广场店')).toBeNull()
  })

  it('WX-LOC-1: a tap asks the privacy service for the fuzzy location and lists the nearest outlets with distances', async () => {
    const { backend } = await open()
    await tap(LOCATE)
    // Through the privacy service: the agreement sync first, then the one fuzzy-location call.
    expect(fake.calls.filter((c) => c !== 'onNeedPrivacyAuthorization' && c !== 'getPrivacySetting')).toEqual(['getFuzzyLocation'])
    expect(fake.violations).toEqual([])
    const nearest = await screen.findByTestId('nearest-outlets')
    expect(within(nearest).getAllByText(/\d+(\.\d)?k?m$/).length).toBeGreaterThan(0)
    expect(nearest.querySelector('[data-outlet]')?.getAttribute('data-outlet')).toBe('s_sh_1')
    expect(backend.requests).toContain('GET /api/outlets/nearest?latitude=31.2&longitude=121.5')
    // No precise location API anywhere in the recorded Taro calls.
    expect(taroFake.apiNames()).not.toContain('getLocation')
  })

  it('WX-LOC-3: after a refusal the list still works, and settings open only from a tap of 去设置开启', async () => {
    const { backend } = await open()
    fake.next.getFuzzyLocation = DENY
    await tap(LOCATE)
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    expect(privacy.refusals.get('fuzzyLocation')).toBeDefined()
    expect(fake.calls).not.toContain('openSetting')

    // Choosing from the list still works completely.
    fireEvent.click(within(byCity()).getByText('徐家汇店'))
    expect(outletChoice().getSnapshot()).toMatchObject({ id: 's_sh_2', city: '上海' })

    // Re-enabling: the settings page, opened by the tap; once granted, the nearest outlets follow.
    fake.next.openSetting = { 'scope.userFuzzyLocation': true }
    await tap('去设置开启')
    expect(fake.calls.filter((c) => c === 'openSetting')).toHaveLength(1)
    await screen.findByTestId('nearest-outlets')
    expect(backend.requests.filter((r) => r.startsWith('GET /api/outlets/nearest'))).toHaveLength(1)
  })

  it('WX-LOC-3: settings left off keep the calm message and the list; a relaunch asks nothing by itself', async () => {
    await open()
    fake.next.getFuzzyLocation = DENY
    await tap(LOCATE)
    fake.next.openSetting = { 'scope.userFuzzyLocation': false }
    await tap('去设置开启')
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    expect(fake.calls.filter((c) => c === 'getFuzzyLocation')).toHaveLength(1)

    // Relaunch with the refusal remembered: no location call on mount or on show, the button stays.
    const refusals = taroFake.storage.get('privacy.refusals.v1')
    expect(refusals).toBeDefined()
    cleanup()
    fake.calls.length = 0
    const { show } = await open()
    await show()
    expect(fake.calls).toEqual([])
    expect(screen.getAllByText(LOCATE).length).toBeGreaterThan(0)
  })

  it('WX-LOC-3: a disagreed privacy agreement explains itself without a settings button', async () => {
    await open()
    fake.next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail privacy permission is not authorized', errno: 104 }
    await tap(LOCATE)
    screen.getByText('你未同意隐私保护指引，可以从下方列表选择门店')
    expect(screen.queryByText('去设置开启')).toBeNull()
  })

  it('WX-LOC-4: the location is used for the nearest query only: never stored, never sent elsewhere', async () => {
    sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
    const { backend, shop } = await open()
    await tap(LOCATE)
    const nearest = await screen.findByTestId('nearest-outlets')
    await act(async () => {
      fireEvent.click(within(nearest).getByText('人民广场店'))
      await flushPromises()
    })
    expect(shop.savedOutletId).toBe('s_sh_1')

    const bodiesWithPoint = backend.calls.filter((c) => /31\.2|121\.5|latitude/.test(JSON.stringify(c.body ?? null)))
    expect(bodiesWithPoint).toEqual([])
    const carryingPoint = backend.requests.filter((r) => r.includes('31.2') || r.includes('121.5'))
    expect(carryingPoint).toEqual(['GET /api/outlets/nearest?latitude=31.2&longitude=121.5'])
    expect(backend.calls.find((c) => c.method === 'PUT')?.body).toEqual({ outletId: 's_sh_1' })
    // Storage holds the chosen outlet, never coordinates.
    expect(JSON.parse(String(taroFake.storage.get(OUTLET_CHOICE_KEY)))).toEqual({ id: 's_sh_1', name: '人民广场店', city: '上海' })
    expect(storageText()).not.toMatch(/31\.2|121\.5|latitude|longitude/)
    sessionStore.clear()
  })

  it('a visitor keeps the usual outlet on the device only, and can clear it', async () => {
    const { backend } = await open()
    fireEvent.click(within(byCity()).getByText('人民广场店'))
    await act(flushPromises)
    screen.getByText('人民广场店（上海）')
    expect(backend.calls.some((c) => c.method === 'PUT')).toBe(false)
    expect(taroFake.toasts()).toEqual(['已设为常用门店'])

    await tap('清除')
    expect(outletChoice().getSnapshot()).toBeNull()
    expect(taroFake.storage.has(OUTLET_CHOICE_KEY)).toBe(false)
    screen.getByText('未选择')
  })

  it('the outlet list has a loading state, and an error state with 重试', async () => {
    const backend = createFakeBackend()
    installShop(backend)
    backend.respond('/api/outlets', 'network')
    await renderPage(OutletsPage, { path: PATH, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    await tap('重试')
    await screen.findByText('人民广场店')
  })
})
