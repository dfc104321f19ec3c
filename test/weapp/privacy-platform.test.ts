/**
 * WeChat's privacy platform as the runtime emulates it, one documented behaviour per test (the
 * source is named in runtime/privacy-platform.ts). No package needed: a recording context.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CallLog } from './runtime/call-log'
import { readDeclaredTypes } from './runtime/declarations'
import { Device } from './runtime/device'
import { PrivacyPlatform, REPROMPT_SUPPRESSION_MS, type Failure, type PrivacyListener } from './runtime/privacy-platform'
import { UserScript } from './runtime/user-script'
import { DECLARATION_FILE } from './support/paths'

interface Setup {
  platform: PrivacyPlatform
  device: Device
  user: UserScript
  log: CallLog
  problems: string[]
  clock: { now: number }
  tap: { active: boolean }
}

function setup(options: { declaredTypes?: string[]; requiredPrivateInfos?: string[] } = {}): Setup {
  const device = new Device()
  const user = new UserScript()
  const log = new CallLog()
  const problems: string[] = []
  const clock = { now: 0 }
  const tap = { active: false }
  const platform = new PrivacyPlatform({
    device,
    user,
    log,
    now: () => clock.now,
    declaredTypes: options.declaredTypes ?? readDeclaredTypes(DECLARATION_FILE),
    requiredPrivateInfos: options.requiredPrivateInfos ?? ['getFuzzyLocation'],
    route: () => 'pages/test/index',
    inTap: () => tap.active,
    report: (problem) => problems.push(problem),
  })
  return { platform, device, user, log, problems, clock, tap }
}

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; failure: Failure }

function call(api: (options: object) => void, extra: object = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    api({ ...extra, success: (result: Record<string, unknown>) => resolve({ ok: true, result }), fail: (failure: Failure) => resolve({ ok: false, failure }) })
  })
}

/** A listener that keeps each resolve so the test plays the user's answer in the app's sheet. */
function recordingListener(): { listener: PrivacyListener; pending: ((resolution: unknown) => void)[]; referrers: string[] } {
  const pending: ((resolution: unknown) => void)[] = []
  const referrers: string[] = []
  return {
    pending,
    referrers,
    listener: (resolve, info) => {
      pending.push(resolve)
      referrers.push(info.referrer)
    },
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('the privacy agreement (seed 002)', () => {
  it('WX-PRIV-1: getPrivacySetting reports needAuthorization until the user agrees', async () => {
    const { platform } = setup()
    expect(await call((o) => platform.getPrivacySetting(o))).toMatchObject({ ok: true, result: { needAuthorization: true } })
    platform.agreeButtonTapped('agree-btn')
    expect(await call((o) => platform.getPrivacySetting(o))).toMatchObject({ ok: true, result: { needAuthorization: false } })
  })

  it('WX-PRIV-3: a privacy API before the agreement fires the ONE listener (the latest registered) and waits for its resolve', async () => {
    const { platform, user } = setup()
    const replaced = recordingListener()
    const current = recordingListener()
    platform.onNeedPrivacyAuthorization(replaced.listener)
    platform.onNeedPrivacyAuthorization(current.listener)
    user.will('authorize', 'allow')
    let settled = false
    const result = call((o) => platform.getFuzzyLocation(o)).then((outcome) => {
      settled = true
      return outcome
    })
    await flush()
    expect(replaced.referrers).toEqual([])
    expect(current.referrers).toEqual(['getFuzzyLocation'])
    expect(settled).toBe(false)
    current.pending[0]?.({ event: 'exposureAuthorization' })
    await flush()
    expect(settled).toBe(false)
    platform.agreeButtonTapped('agree-btn')
    current.pending[0]?.({ event: 'agree', buttonId: 'agree-btn' })
    expect(await result).toMatchObject({ ok: true, result: { latitude: expect.any(Number) } })
  })

  it('WX-PRIV-3: resolve({event:"agree"}) without a tap on the agree button is a reported error', async () => {
    const { platform, problems } = setup()
    const { listener, pending } = recordingListener()
    platform.onNeedPrivacyAuthorization(listener)
    const result = call((o) => platform.requirePrivacyAuthorize(o))
    await flush()
    pending[0]?.({ event: 'agree', buttonId: 'agree-btn' })
    expect(await result).toMatchObject({ ok: false, failure: { errno: 104 } })
    expect(problems[0]).toMatch(/without a tap on that agreePrivacyAuthorization button/)
  })

  it('WX-PRIV-4: disagree → errno 104; another call within 10 s fails the same way without a prompt; after 10 s it prompts again', async () => {
    const { platform, clock } = setup()
    const { listener, pending, referrers } = recordingListener()
    platform.onNeedPrivacyAuthorization(listener)
    const first = call((o) => platform.requirePrivacyAuthorize(o))
    await flush()
    pending[0]?.({ event: 'disagree' })
    expect(await first).toEqual({ ok: false, failure: { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 } })
    clock.now += REPROMPT_SUPPRESSION_MS - 1
    expect(await call((o) => platform.requirePrivacyAuthorize(o))).toMatchObject({ ok: false, failure: { errno: 104 } })
    expect(referrers).toHaveLength(1)
    clock.now += 1
    void call((o) => platform.requirePrivacyAuthorize(o))
    await flush()
    expect(referrers).toHaveLength(2)
  })

  it('WX-PRIV-4: with no listener, WeChat shows its own popup (answered by the user script)', async () => {
    const { platform, user } = setup()
    user.will('officialPrivacyPopup', 'disagree')
    expect(await call((o) => platform.requirePrivacyAuthorize(o))).toMatchObject({ ok: false, failure: { errno: 104 } })
  })

  it('WX-PRIV-5: an API whose information type is not declared fails with errno 112, before any prompt', async () => {
    const declared = readDeclaredTypes(DECLARATION_FILE)
    expect(declared.some((type) => type.startsWith('位置信息'))).toBe(true)
    const { platform, log } = setup({ declaredTypes: declared.filter((type) => !type.startsWith('位置信息')) })
    expect(await call((o) => platform.getFuzzyLocation(o))).toEqual({
      ok: false,
      failure: { errMsg: 'getFuzzyLocation:fail api scope is not declared in the privacy agreement', errno: 112 },
    })
    expect(log.takeStep()).toEqual(['getFuzzyLocation → fail api scope is not declared in the privacy agreement'])
  })

  it('WX-PRIV-5: the declared types are read from docs/privacy-declaration.md; a missing row is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-declaration-'))
    const copy = path.join(dir, 'privacy-declaration.md')
    fs.writeFileSync(copy, fs.readFileSync(DECLARATION_FILE, 'utf8').replace(/^\| 手机号 .*\n/m, ''))
    expect(readDeclaredTypes(DECLARATION_FILE)).toContain('手机号')
    expect(readDeclaredTypes(copy)).not.toContain('手机号')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('WX-PROFILE-6: the nickname input before the agreement raises no privacy event and degrades to a text input (seed 002 §二.3)', () => {
    const { platform, log } = setup()
    const { listener, referrers } = recordingListener()
    platform.onNeedPrivacyAuthorization(listener)
    expect(platform.nicknameInputMode()).toBe('text')
    expect(referrers).toEqual([])
    platform.agreeButtonTapped('agree-btn')
    expect(platform.nicknameInputMode()).toBe('nickname')
    expect(log.takeStep().slice(-1)).toEqual(['nickname input → nickname keyboard'])
  })
})

describe('authorization scopes, app.json and gestures (official docs)', () => {
  it('WX-LOC-1: a location API missing from requiredPrivateInfos fails before anything else', async () => {
    const { platform } = setup({ requiredPrivateInfos: [] })
    expect(await call((o) => platform.getFuzzyLocation(o))).toEqual({
      ok: false,
      failure: { errMsg: 'getFuzzyLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json' },
    })
  })

  it('WX-LOC-3: after a refusal, authorize and the API fail at once without a prompt; openSetting needs a tap', async () => {
    const { platform, device, user, tap } = setup()
    device.privacyAgreed = true
    user.will('authorize', 'deny')
    expect(await call((o) => platform.getFuzzyLocation(o))).toEqual({ ok: false, failure: { errMsg: 'getFuzzyLocation:fail auth deny' } })
    // No answer is scripted now: a prompt would be reported as unanswered.
    expect(await call((o) => platform.authorize(o), { scope: 'scope.userFuzzyLocation' })).toEqual({ ok: false, failure: { errMsg: 'authorize:fail auth deny' } })
    expect(await call((o) => platform.getFuzzyLocation(o))).toMatchObject({ ok: false })
    expect(user.unanswered).toEqual([])
    expect(await call((o) => platform.openSetting(o))).toEqual({ ok: false, failure: { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' } })
    tap.active = true
    user.will('openSetting', 'allow')
    expect(await call((o) => platform.openSetting(o))).toMatchObject({ ok: true, result: { authSetting: { 'scope.userFuzzyLocation': true } } })
    tap.active = false
    expect(await call((o) => platform.getFuzzyLocation(o))).toMatchObject({ ok: true })
  })

  it('WX-SUB-1: requestSubscribeMessage outside a tap fails; in a tap it asks; more than 3 templates fail (20003)', async () => {
    const { platform, user, tap } = setup()
    expect(await call((o) => platform.requestSubscribeMessage(o), { tmplIds: ['a'] })).toEqual({
      ok: false,
      failure: { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' },
    })
    tap.active = true
    user.will('subscribe', 'reject')
    expect(await call((o) => platform.requestSubscribeMessage(o), { tmplIds: ['a', 'b'] })).toEqual({
      ok: true,
      result: { errMsg: 'requestSubscribeMessage:ok', a: 'reject', b: 'reject' },
    })
    expect(await call((o) => platform.requestSubscribeMessage(o), { tmplIds: ['a', 'b', 'c', 'd'] })).toMatchObject({ ok: false, failure: { errCode: 20003 } })
  })
})

describe('scripted answers to WeChat prompts', () => {
  it('WX-PHONE-5: the phone sheet: allow gives a code, deny says user deny, quota gives errno 1400001', async () => {
    const { platform, device, user } = setup()
    device.privacyAgreed = true
    user.will('phoneNumber', 'allow', 'deny', 'quota')
    expect(await platform.phoneButton()).toMatchObject({ errMsg: 'getPhoneNumber:ok', code: expect.stringMatching(/^weappphone_/) })
    expect(await platform.phoneButton()).toEqual({ errMsg: 'getPhoneNumber:fail user deny' })
    expect(await platform.phoneButton()).toMatchObject({ errno: 1400001 })
  })

  it('WX-PROFILE-1: the avatar chooser: a pick is a temp file the app can upload; cancel fires no event', async () => {
    const { platform, device, user } = setup()
    device.privacyAgreed = true
    user.will('chooseAvatar', 'allow', 'cancel')
    const picked = await platform.avatarButton()
    expect(device.readTempFile(String(picked?.avatarUrl)).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    expect(await platform.avatarButton()).toBeNull()
    device.dispose()
  })

  it('a prompt with no scripted answer is reported, and the answer counts as a refusal', async () => {
    const { platform, device, problems } = setup()
    device.privacyAgreed = true
    expect(await call((o) => platform.getFuzzyLocation(o))).toMatchObject({ ok: false, failure: { errMsg: 'getFuzzyLocation:fail auth deny' } })
    expect(problems).toEqual(['no scripted answer for the authorize prompt (scope.userFuzzyLocation)'])
  })
})
