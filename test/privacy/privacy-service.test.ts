import { createPrivacyService } from '@/services/privacy/service'
import { PrivacyError } from '@/services/privacy/errors'
import {
  createFakeClock,
  createFakePlatform,
  createFakeStorage,
  flushPromises,
  type FakePrivacyPlatform,
  type FakeStorage,
} from '../utils/fake-privacy'

const TAP = { userInitiated: true }
const AUTO = { userInitiated: false }

function setup(options: { agreed?: boolean; storage?: FakeStorage } = {}) {
  const platform = createFakePlatform({ agreed: options.agreed })
  const storage = options.storage ?? createFakeStorage()
  const clock = createFakeClock()
  const service = createPrivacyService({ platform, storage, clock })
  service.install()
  return { platform, storage, clock, service }
}

async function rejection(promise: Promise<unknown>): Promise<PrivacyError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof PrivacyError) return error
    throw error
  }
  throw new Error('expected a PrivacyError')
}

/** Calls after the listener registration, which is the only call install() makes. */
const afterInstall = (platform: FakePrivacyPlatform) => platform.calls.slice(1)

describe('privacy service: agreement sync', () => {
  it('WX-LAUNCH-1: installing at launch registers the listener and calls nothing else', () => {
    const { platform, service } = setup()
    expect(platform.calls).toEqual(['onNeedPrivacyAuthorization'])
    expect(service.consent.getSnapshot().open).toBe(false)
  })

  it('WX-PRIV-1: getPrivacySetting is called only when a privacy API is first needed, and no privacy API runs before agreement', async () => {
    const { platform, service } = setup()
    const location = service.getFuzzyLocation(TAP)
    await flushPromises()

    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'requirePrivacyAuthorize'])
    expect(service.consent.getSnapshot()).toMatchObject({ open: true, referrer: 'getFuzzyLocation', pending: 1 })

    service.consent.agree('privacy-agree-btn')
    await expect(location).resolves.toEqual({ latitude: 31.2, longitude: 121.5 })
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'requirePrivacyAuthorize', 'getFuzzyLocation'])
    expect(platform.violations).toEqual([])
    expect(platform.resolutions).toContainEqual({ event: 'agree', buttonId: 'privacy-agree-btn' })
    expect(service.consent.getSnapshot().open).toBe(false)
  })

  it('WX-PRIV-1: a user who agreed before sees no sheet, and the setting is read once per launch', async () => {
    const { platform, service } = setup({ agreed: true })
    await service.getFuzzyLocation(TAP)
    await service.getFuzzyLocation(TAP)
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'getFuzzyLocation', 'getFuzzyLocation'])
    expect(platform.resolutions).toEqual([])
  })

  it('WX-PRIV-9: login, which WeChat does not gate, still shows the same consent sheet first; wx.login runs only after agree', async () => {
    const { platform, service } = setup()
    const login = service.login(TAP)
    await flushPromises()
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'requirePrivacyAuthorize'])
    expect(service.consent.getSnapshot()).toMatchObject({ open: true, referrer: 'login' })
    service.consent.agree('privacy-agree-btn')
    await expect(login).resolves.toEqual({ code: 'code-from-wx-login' })
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'requirePrivacyAuthorize', 'login'])
  })

  it('WX-PRIV-9: disagreeing before login or typed contact says what will not work and collects nothing', async () => {
    const { platform, service } = setup()
    const login = service.login(TAP)
    await flushPromises()
    service.consent.disagree()
    const refused = await rejection(login)
    expect(refused.code).toBe('AGREEMENT_DISAGREED')
    expect(refused.userMessage).toBe('未同意隐私保护指引，暂时无法登录；浏览商品和购物车不受影响')
    expect(platform.calls).not.toContain('login')

    const contact = service.agreeBefore('deliveryContact', TAP)
    await flushPromises()
    expect(service.consent.getSnapshot()).toMatchObject({ open: true, referrer: '结算页表单（手动填写联系人、手机号、地址）' })
    service.consent.disagree()
    expect((await rejection(contact)).userMessage).toContain('暂时无法提交需要填写联系人的订单')
  })

  it('WX-PRIV-9: once agreed, login and typed contact go straight through (no second sheet)', async () => {
    const { platform, service } = setup({ agreed: true })
    await service.agreeBefore('deliveryContact', TAP)
    await expect(service.login(TAP)).resolves.toEqual({ code: 'code-from-wx-login' })
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'login'])
    expect(platform.resolutions).toEqual([])
  })

  it('WX-PRIV-1: when getPrivacySetting fails the service still asks the platform before the API', async () => {
    const { platform, service } = setup()
    platform.next.getPrivacySetting = { errMsg: 'getPrivacySetting:fail system error' }
    const location = service.getFuzzyLocation(TAP)
    await flushPromises()
    expect(afterInstall(platform)).toEqual(['getPrivacySetting', 'requirePrivacyAuthorize'])
    service.consent.agree('privacy-agree-btn')
    await location
    expect(platform.violations).toEqual([])
  })

  it('WX-PRIV-1: base libraries without privacy APIs skip the sync entirely', async () => {
    const platform = createFakePlatform()
    platform.supported = false
    platform.agreed = true
    const service = createPrivacyService({ platform, storage: createFakeStorage(), clock: createFakeClock() })
    service.install()
    await service.getFuzzyLocation(TAP)
    expect(platform.calls).toEqual(['getFuzzyLocation'])
  })

  it('WX-PRIV-3: one listener for the whole app however often install is called', () => {
    const { platform, service } = setup()
    service.install()
    service.install()
    expect(platform.listenerCount).toBe(1)
  })

  it('WX-PRIV-3: concurrent requests share one sync, queue in one sheet and all resolve on agree', async () => {
    const { platform, service } = setup()
    const first = service.getFuzzyLocation(TAP)
    const second = service.getFuzzyLocation(TAP)
    const avatarTap = platform.triggerNative('chooseAvatar')
    await flushPromises()

    expect(platform.calls.filter((call) => call === 'getPrivacySetting')).toHaveLength(1)
    expect(platform.calls.filter((call) => call === 'requirePrivacyAuthorize')).toHaveLength(1)
    expect(service.consent.getSnapshot()).toMatchObject({ open: true, pending: 2 })

    service.consent.agree('privacy-agree-btn')
    await expect(Promise.all([first, second])).resolves.toHaveLength(2)
    await expect(avatarTap).resolves.toEqual({ event: 'agree', buttonId: 'privacy-agree-btn' })
    expect(service.consent.getSnapshot()).toMatchObject({ open: false, pending: 0 })
    expect(platform.violations).toEqual([])
  })

  it('WX-PRIV-3: a request raised by a native component on any page opens the same sheet', async () => {
    const { platform, service } = setup()
    const nickname = platform.triggerNative('<Input type="nickname">')
    await flushPromises()
    expect(service.consent.getSnapshot()).toMatchObject({ open: true, referrer: '<Input type="nickname">' })
    service.consent.disagree()
    await expect(nickname).resolves.toEqual({ event: 'disagree' })
  })

  it('WX-PRIV-2: the sheet reports its exposure once per request and can open the full guide', async () => {
    const { platform, service } = setup()
    void service.getFuzzyLocation(TAP).catch(() => undefined)
    await flushPromises()
    service.consent.reportExposure()
    service.consent.reportExposure()
    expect(platform.resolutions).toEqual([{ event: 'exposureAuthorization' }])
    await service.openPrivacyContract()
    expect(platform.calls).toContain('openPrivacyContract')
    service.consent.disagree()
  })
})

describe('privacy service: disagreement and refusal memory', () => {
  it('WX-PRIV-4: disagree resolves every queued request with disagree, the API never runs, and the feature gets a calm typed error', async () => {
    const { platform, service } = setup()
    const location = service.getFuzzyLocation(TAP)
    const avatarTap = platform.triggerNative('chooseAvatar')
    await flushPromises()
    service.consent.disagree()

    const error = await rejection(location)
    expect(error.code).toBe('AGREEMENT_DISAGREED')
    expect(error.userMessage).toMatch(/其他功能不受影响/)
    await expect(avatarTap).resolves.toEqual({ event: 'disagree' })
    expect(platform.calls).not.toContain('getFuzzyLocation')
    expect(service.consent.getSnapshot().open).toBe(false)
  })

  it('WX-PRIV-4: after a disagree no automatic re-prompt; a new tap may ask again', async () => {
    const { platform, service } = setup()
    const first = service.getFuzzyLocation(TAP)
    await flushPromises()
    service.consent.disagree()
    await rejection(first)

    const automatic = await rejection(service.getFuzzyLocation(AUTO))
    expect(automatic.code).toBe('REFUSED_EARLIER')
    expect(platform.calls.filter((call) => call === 'requirePrivacyAuthorize')).toHaveLength(1)
    expect(service.consent.getSnapshot().open).toBe(false)

    const again = service.getFuzzyLocation(TAP)
    await flushPromises()
    expect(service.consent.getSnapshot().open).toBe(true)
    service.consent.agree('privacy-agree-btn')
    await expect(again).resolves.toBeDefined()
    expect(service.refusals.get('privacyAgreement')).toBeUndefined()
  })

  it('WX-LOGIN-5: refusal memory survives a relaunch: no prompt on its own, only after a new tap', async () => {
    const storage = createFakeStorage()
    const before = setup({ storage })
    before.platform.next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail auth deny' }
    before.platform.agreed = true
    expect((await rejection(before.service.getFuzzyLocation(TAP))).code).toBe('AUTH_DENIED')
    expect(before.service.refusals.get('fuzzyLocation')).toEqual({ at: before.clock.now(), count: 1 })

    const relaunched = setup({ storage, agreed: true })
    const error = await rejection(relaunched.service.getFuzzyLocation(AUTO))
    expect(error.code).toBe('REFUSED_EARLIER')
    expect(afterInstall(relaunched.platform)).toEqual([])

    await expect(relaunched.service.getFuzzyLocation(TAP)).resolves.toBeDefined()
    expect(relaunched.service.refusals.get('fuzzyLocation')).toBeUndefined()
  })

  it('WX-PHONE-4: a refused agreement is remembered across a relaunch too', async () => {
    const storage = createFakeStorage()
    const before = setup({ storage })
    const first = before.service.getFuzzyLocation(TAP)
    await flushPromises()
    before.service.consent.disagree()
    await rejection(first)

    const relaunched = setup({ storage })
    expect((await rejection(relaunched.service.getFuzzyLocation(AUTO))).code).toBe('REFUSED_EARLIER')
    expect(relaunched.service.consent.getSnapshot().open).toBe(false)
  })

  it('a cancelled picker is not remembered as a refusal', async () => {
    const { platform, service } = setup({ agreed: true })
    platform.next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail cancel' }
    expect((await rejection(service.getFuzzyLocation(TAP))).code).toBe('CANCELLED')
    expect(service.refusals.list()).toEqual({})
  })

  it('corrupt refusal storage is treated as empty, not a crash', async () => {
    const storage = createFakeStorage({ 'privacy.refusals.v1': '{not json' })
    const { service } = setup({ storage, agreed: true })
    expect(service.refusals.list()).toEqual({})
    await expect(service.getFuzzyLocation(AUTO)).resolves.toBeDefined()
  })

  it('WX-LOC-3: openSettingsFor reports whether the scope is now granted', async () => {
    const { platform, service } = setup()
    platform.next.openSetting = { 'scope.userFuzzyLocation': true }
    await expect(service.openSettingsFor('scope.userFuzzyLocation')).resolves.toBe(true)
    platform.next.openSetting = { 'scope.userFuzzyLocation': false }
    await expect(service.openSettingsFor('scope.userFuzzyLocation')).resolves.toBe(false)
  })
})

describe('privacy service: errors', () => {
  it('WX-PRIV-5: errno 112 names the missing declaration for developers and stays calm for users', async () => {
    const { platform, service } = setup({ agreed: true })
    platform.next.getFuzzyLocation = { errMsg: 'getFuzzyLocation:fail api scope is not declared in the privacy agreement', errno: 112 }
    const error = await rejection(service.getFuzzyLocation(TAP))
    expect(error.code).toBe('NOT_DECLARED')
    expect(error.errno).toBe(112)
    expect(error.message).toContain('[getFuzzyLocation]')
    expect(error.message).toContain('位置信息（模糊位置）')
    expect(error.message).toContain('用户隐私保护指引')
    expect(error.userMessage).not.toMatch(/112|declare|errno/)
  })

  it.each([
    [103, 'getFuzzyLocation:fail user deny', 'USER_DENIED'],
    [104, 'getFuzzyLocation:fail privacy permission is not authorized', 'AGREEMENT_DISAGREED'],
  ])('WX-PRIV-5: errno %i maps to %s… and is remembered as a refusal', async (errno, errMsg, code) => {
    const { platform, service } = setup({ agreed: true })
    platform.next.getFuzzyLocation = { errMsg, errno }
    expect((await rejection(service.getFuzzyLocation(TAP))).code).toBe(code)
    expect(service.refusals.get('fuzzyLocation')).toBeDefined()
  })

  it('WX-SUB-1: more than 3 template ids is rejected before any platform call', async () => {
    const { platform, service } = setup()
    const error = await rejection(service.requestSubscribeMessage(['a', 'b', 'c', 'd'], TAP))
    expect(error.message).toContain('1 to 3 template ids')
    expect(afterInstall(platform)).toEqual([])
  })
})
