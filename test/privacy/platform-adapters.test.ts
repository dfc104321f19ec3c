/**
 * The two platform adapters behind one interface. The weapp adapter must be a thin, faithful
 * wrapper over wx; the h5 adapter must emulate the same agreement state machine.
 */
import { createPlatform as createWeappPlatform, pickDecisions } from '@/services/privacy/platform'
import { createPlatform as createH5Platform, H5_DEMO_FUZZY_LOCATION } from '@/services/privacy/platform.h5'
import { createFakeStorage } from '../utils/fake-privacy'

type Callbacks = { success?: (result: unknown) => void; fail?: (failure: unknown) => void }

const taroCalls: Array<{ api: string; options?: unknown }> = []
const taroResults: Record<string, { ok: boolean; value: unknown }> = {}
let modalConfirm = true

function callbackApi(api: string) {
  return (options: Callbacks & Record<string, unknown>) => {
    taroCalls.push({ api, options })
    const result = taroResults[api] ?? { ok: true, value: {} }
    if (result.ok) options.success?.(result.value)
    else options.fail?.(result.value)
  }
}

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    canIUse: (api: string) => api === 'getPrivacySetting',
    getPrivacySetting: callbackApi('getPrivacySetting'),
    requirePrivacyAuthorize: callbackApi('requirePrivacyAuthorize'),
    openPrivacyContract: callbackApi('openPrivacyContract'),
    onNeedPrivacyAuthorization: (listener: unknown) => taroCalls.push({ api: 'onNeedPrivacyAuthorization', options: listener }),
    login: callbackApi('login'),
    getFuzzyLocation: callbackApi('getFuzzyLocation'),
    requestSubscribeMessage: callbackApi('requestSubscribeMessage'),
    getSetting: callbackApi('getSetting'),
    openSetting: callbackApi('openSetting'),
    navigateTo: async (options: unknown) => taroCalls.push({ api: 'navigateTo', options }),
    showModal: async (options: unknown) => {
      taroCalls.push({ api: 'showModal', options })
      return { confirm: modalConfirm, cancel: !modalConfirm }
    },
  },
}))

beforeEach(() => {
  taroCalls.length = 0
  for (const key of Object.keys(taroResults)) delete taroResults[key]
  modalConfirm = true
})

describe('weapp adapter', () => {
  const platform = createWeappPlatform(createFakeStorage())

  it('WX-PRIV-1: wraps getPrivacySetting and passes its result through', async () => {
    taroResults.getPrivacySetting = { ok: true, value: { needAuthorization: true, privacyContractName: '《小店隐私保护指引》', errMsg: 'ok' } }
    expect(platform.supportsPrivacyAgreement()).toBe(true)
    await expect(platform.getPrivacySetting()).resolves.toMatchObject({ needAuthorization: true, privacyContractName: '《小店隐私保护指引》' })
  })

  it('WX-PRIV-5: failures keep errno and errMsg for the error mapper', async () => {
    taroResults.getFuzzyLocation = { ok: false, value: { errMsg: 'getFuzzyLocation:fail api scope is not declared in the privacy agreement', errno: 112 } }
    await expect(platform.getFuzzyLocation()).rejects.toEqual({ errMsg: expect.stringContaining('not declared'), errno: 112 })
  })

  it('WX-LOC-1: asks for the fuzzy location in gcj02 and returns only the coordinates', async () => {
    taroResults.getFuzzyLocation = { ok: true, value: { latitude: 31.2, longitude: 121.4, errMsg: 'getFuzzyLocation:ok' } }
    await expect(platform.getFuzzyLocation()).resolves.toEqual({ latitude: 31.2, longitude: 121.4 })
    expect(taroCalls[0]?.options).toMatchObject({ type: 'gcj02' })
  })

  it('WX-SUB-3: keeps one decision per requested template and ignores errMsg', async () => {
    taroResults.requestSubscribeMessage = { ok: true, value: { errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject' } }
    await expect(platform.requestSubscribeMessage(['T1', 'T2'])).resolves.toEqual({ T1: 'accept', T2: 'reject' })
    expect(pickDecisions({ T1: 'weird' }, ['T1', 'T3'])).toEqual({ T1: 'reject', T3: 'reject' })
  })

  it('returns only the code from wx.login', async () => {
    taroResults.login = { ok: true, value: { code: 'abc', errMsg: 'login:ok' } }
    await expect(platform.login()).resolves.toEqual({ code: 'abc' })
  })

  it('keeps only boolean scopes from getSetting/openSetting', async () => {
    taroResults.openSetting = { ok: true, value: { authSetting: { 'scope.userFuzzyLocation': true, junk: 'x' } } }
    await expect(platform.openSetting()).resolves.toEqual({ 'scope.userFuzzyLocation': true })
  })
})

describe('h5 adapter (the same state machine in the browser)', () => {
  it('WX-PRIV-1: needs authorization until the user agrees, then remembers it in this browser', async () => {
    const storage = createFakeStorage()
    const platform = createH5Platform(storage)
    await expect(platform.getPrivacySetting()).resolves.toMatchObject({ needAuthorization: true })

    platform.onNeedPrivacyAuthorization((resolve, info) => {
      expect(info.referrer).toBe('requirePrivacyAuthorize')
      resolve({ event: 'exposureAuthorization' })
      resolve({ event: 'agree', buttonId: 'privacy-agree-btn' })
    })
    await expect(platform.requirePrivacyAuthorize()).resolves.toBeUndefined()
    await expect(createH5Platform(storage).getPrivacySetting()).resolves.toMatchObject({ needAuthorization: false })
  })

  it('WX-PRIV-4: disagree fails with errno 104 like WeChat, and without a listener nothing hangs', async () => {
    const platform = createH5Platform(createFakeStorage())
    await expect(platform.requirePrivacyAuthorize()).rejects.toMatchObject({ errno: 104 })
    platform.onNeedPrivacyAuthorization((resolve) => resolve({ event: 'disagree' }))
    await expect(platform.requirePrivacyAuthorize()).rejects.toMatchObject({ errno: 104 })
  })

  it('WX-LOC-1: the browser preview never asks the browser for a precise position', async () => {
    const geolocation = { getCurrentPosition: jest.fn(), watchPosition: jest.fn() }
    Object.defineProperty(navigator, 'geolocation', { value: geolocation, configurable: true })
    const platform = createH5Platform(createFakeStorage())
    await expect(platform.getFuzzyLocation()).resolves.toEqual(H5_DEMO_FUZZY_LOCATION)
    expect(geolocation.getCurrentPosition).not.toHaveBeenCalled()
    expect(geolocation.watchPosition).not.toHaveBeenCalled()
  })

  it('WX-LOC-3: a refused location stays refused (auth deny) until re-enabled from settings', async () => {
    const storage = createFakeStorage()
    const platform = createH5Platform(storage)
    modalConfirm = false
    await expect(platform.getFuzzyLocation()).rejects.toMatchObject({ errMsg: 'getFuzzyLocation:fail auth deny' })
    const modals = taroCalls.filter((call) => call.api === 'showModal').length
    await expect(platform.getFuzzyLocation()).rejects.toMatchObject({ errMsg: 'getFuzzyLocation:fail auth deny' })
    expect(taroCalls.filter((call) => call.api === 'showModal')).toHaveLength(modals)

    modalConfirm = true
    await expect(platform.openSetting()).resolves.toEqual({ 'scope.userFuzzyLocation': true })
    await expect(platform.getFuzzyLocation()).resolves.toEqual(H5_DEMO_FUZZY_LOCATION)
  })

  it('WX-PRIV-2: openPrivacyContract opens the in-app guide page', async () => {
    await createH5Platform(createFakeStorage()).openPrivacyContract()
    expect(taroCalls).toContainEqual({ api: 'navigateTo', options: { url: '/packagePrivacy/guide' } })
  })

  it('WX-SUB-3: the simulated subscribe prompt returns one decision per template', async () => {
    modalConfirm = false
    await expect(createH5Platform(createFakeStorage()).requestSubscribeMessage(['T1', 'T2'])).resolves.toEqual({ T1: 'reject', T2: 'reject' })
  })
})
