/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 门店: outlets by city for everyone, the nearest ones from a fuzzy location only on a tap, a calm
 * path after a refusal, and a usual outlet saved without ever saving the location. Against the real
 * server (its seeded outlets, its distances, its saved choice); only the offline case is a fake.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { privacy } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import OutletsPage from '@/packageShop/outlets/index'
import { privacyItem } from '@/services/privacy'
import { OUTLET_CHOICE_KEY } from '@/state/outlet-choice'
import type { MyData, NearestOutlets } from '@contract/schemas'
import { flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { memberOnDevice, openServerForFile, seedOutlet } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'
import { agreedPlatformPerTest } from '../utils/test-root'

const server = openServerForFile()
const fake = agreedPlatformPerTest()
const PATH = '/packageShop/outlets/index'
const LOCATE = '使用我的大致位置'
const DENY = { errMsg: 'getFuzzyLocation:fail auth deny' }
// 上海 is the first city; 湖滨店 is in 杭州.
const JINGAN = seedOutlet('sh-jingan')
const XUJIAHUI = seedOutlet('sh-xujiahui')
const HUBIN = seedOutlet('hz-hubin')
// Where the fake platform's getFuzzyLocation puts the user.
const NEAREST_QUERY = 'GET /api/outlets/nearest?latitude=31.2&longitude=121.5'

afterEach(() => {
  outletChoice().reload()
  fake().calls.length = 0
  fake().next = {}
})

async function open() {
  const backend = server()
  const page = await renderPage(OutletsPage, { path: PATH, backend })
  await within(await screen.findByTestId('outlets-by-city')).findByText(JINGAN.name)
  return { ...page, backend }
}

/** The outlet the server itself names nearest to the fake platform's fuzzy location. */
async function serversNearest(): Promise<string> {
  const response = await server().app.inject({ method: 'GET', url: '/api/outlets/nearest?latitude=31.2&longitude=121.5' })
  const nearest = response.json<NearestOutlets>().items[0]
  if (!nearest) throw new Error('the server named no nearest outlet')
  return nearest.id
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
    expect(screen.getByTestId('outlet-locate')).toContainElement(button)
    expect(reason.parentElement).toBe(screen.getByTestId('outlet-locate'))
    expect(fake().calls).toEqual([])
    expect(backend.requests).toEqual(['GET /api/outlets'])
    // The city list works on its own: 上海 first, another city one tap away.
    within(byCity()).getByText(XUJIAHUI.name)
    fireEvent.click(within(byCity()).getByText('杭州'))
    within(byCity()).getByText(HUBIN.name)
    expect(within(byCity()).queryByText(JINGAN.name)).toBeNull()
  })

  it('WX-LOC-1: a tap asks the privacy service for the fuzzy location and lists the nearest outlets with distances', async () => {
    const { backend } = await open()
    await tap(LOCATE)
    // Through the privacy service: the agreement sync first, then the one fuzzy-location call.
    expect(fake().calls.filter((c) => c !== 'onNeedPrivacyAuthorization' && c !== 'getPrivacySetting')).toEqual(['getFuzzyLocation'])
    expect(fake().violations).toEqual([])
    const nearest = await screen.findByTestId('nearest-outlets')
    expect(within(nearest).getAllByText(/\d+(\.\d)?k?m$/).length).toBeGreaterThan(0)
    // In the server's order: its nearest outlet first.
    expect(nearest.querySelector('[data-outlet]')).toHaveAttribute('data-outlet', await serversNearest())
    expect(backend.requests).toContain(NEAREST_QUERY)
    // No precise location API anywhere in the recorded Taro calls.
    expect(taroFake.apiNames()).not.toContain('getLocation')
  })

  it('WX-LOC-3: after a refusal the list still works, and settings open only from a tap of 去设置开启', async () => {
    const { backend } = await open()
    fake().next.getFuzzyLocation = DENY
    await tap(LOCATE)
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    expect(privacy.refusals.get('fuzzyLocation')).toBeDefined()
    expect(fake().calls).not.toContain('openSetting')

    // Choosing from the list still works completely.
    fireEvent.click(within(byCity()).getByText(XUJIAHUI.name))
    expect(outletChoice().getSnapshot()).toMatchObject({ id: XUJIAHUI.id, city: '上海' })

    // Re-enabling: the settings page, opened by the tap; once granted, the nearest outlets follow.
    fake().next.openSetting = { 'scope.userFuzzyLocation': true }
    await tap('去设置开启')
    expect(fake().calls.filter((c) => c === 'openSetting')).toHaveLength(1)
    await screen.findByTestId('nearest-outlets')
    expect(backend.requests.filter((r) => r.startsWith('GET /api/outlets/nearest'))).toHaveLength(1)
  })

  it('WX-LOC-3: settings left off keep the calm message and the list; a relaunch asks nothing by itself', async () => {
    await open()
    fake().next.getFuzzyLocation = DENY
    await tap(LOCATE)
    fake().next.openSetting = { 'scope.userFuzzyLocation': false }
    await tap('去设置开启')
    screen.getByText('未获取你的位置，可以从下方列表选择门店')
    expect(fake().calls.filter((c) => c === 'getFuzzyLocation')).toHaveLength(1)

    // Relaunch with the refusal remembered: no location call on mount or on show, the button stays.
    const refusals = taroFake.storage.get('privacy.refusals.v1')
    expect(refusals).toBeDefined()
    cleanup()
    fake().calls.length = 0
    const { show } = await open()
    await show()
    expect(fake().calls).toEqual([])
    expect(screen.getAllByText(LOCATE).length).toBeGreaterThan(0)
  })

  it('WX-LOC-3: a disagreed privacy agreement explains itself without a settings button', async () => {
    await open()
    fake().next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail privacy permission is not authorized', errno: 104 }
    await tap(LOCATE)
    screen.getByText('你未同意隐私保护指引，可以从下方列表选择门店')
    expect(screen.queryByText('去设置开启')).toBeNull()
  })

  it('WX-LOC-4: the location is used for the nearest query only: never stored, never sent elsewhere', async () => {
    const member = await memberOnDevice(server().app)
    const { backend } = await open()
    await tap(LOCATE)
    const nearest = await screen.findByTestId('nearest-outlets')
    const chosen = seedOutlet(await serversNearest())
    fireEvent.click(within(nearest).getByText(chosen.name))
    // The server keeps the member's usual outlet (and, as the data page shows, nothing about where they were).
    await waitFor(async () => expect((await member.call<MyData>('GET', '/api/me/data')).savedOutlet?.outletId).toBe(chosen.id))

    const bodiesWithPoint = backend.calls.filter((c) => /31\.2|121\.5|latitude/.test(JSON.stringify(c.body ?? null)))
    expect(bodiesWithPoint).toEqual([])
    const carryingPoint = backend.requests.filter((r) => r.includes('31.2') || r.includes('121.5'))
    expect(carryingPoint).toEqual([NEAREST_QUERY])
    expect(backend.calls.find((c) => c.method === 'PUT')?.body).toEqual({ outletId: chosen.id })
    // Storage holds the chosen outlet, never coordinates.
    expect(JSON.parse(String(taroFake.storage.get(OUTLET_CHOICE_KEY)))).toEqual({ id: chosen.id, name: chosen.name, city: chosen.city })
    expect(storageText()).not.toMatch(/31\.2|121\.5|latitude|longitude/)
  })

  it('a visitor keeps the usual outlet on the device only, and can clear it', async () => {
    const { backend } = await open()
    fireEvent.click(within(byCity()).getByText(JINGAN.name))
    await act(flushPromises)
    screen.getByText(`${JINGAN.name}（上海）`)
    expect(backend.calls.some((c) => c.method === 'PUT')).toBe(false)
    expect(taroFake.toasts()).toEqual(['已设为常用门店'])

    await tap('清除')
    expect(outletChoice().getSnapshot()).toBeNull()
    expect(taroFake.storage.has(OUTLET_CHOICE_KEY)).toBe(false)
    screen.getByText('未选择')
  })

  it('the outlet list has a loading state, and an error state with 重试', async () => {
    const backend = server()
    backend.respond('/api/outlets', 'network')
    await renderPage(OutletsPage, { path: PATH, backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    await tap('重试')
    await screen.findByText(JINGAN.name)
  })
})
