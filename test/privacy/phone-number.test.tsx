/**
 * The phone button and the mapping of its event: a one-time code for the server (never
 * encryptedData), a remembered refusal, and a manual-entry fallback for every other failure.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { privacy } from '@/app-root'
import { privacyItem } from '@/services/privacy'
import PhoneNumberButton from '@/services/privacy/components/phone-number-button'
import PhoneNumberButtonH5 from '@/services/privacy/components/phone-number-button/index.h5'
import { PHONE_MESSAGES, PHONE_QUOTA_ERRNO, phoneNumberFromEvent, toPhoneNumberOutcome, type PhoneNumberOutcome } from '@/services/privacy/phone'
import { createPrivacyService } from '@/services/privacy/service'
import { createFakeClock, createFakePlatform, createFakeStorage, flushPromises } from '../utils/fake-privacy'
import { taroFake } from '../utils/taro-api'
import { wechatTap } from '../utils/taro-button'
import { agreedPlatformPerTest } from '../utils/test-root'

const fake = agreedPlatformPerTest()

const DENY = { errMsg: 'getPhoneNumber:fail user deny' }
const QUOTA = { errMsg: 'getPhoneNumber:fail 该功能使用次数已达当前小程序上限', errno: PHONE_QUOTA_ERRNO }

function freshService(storage = createFakeStorage()) {
  return { storage, service: createPrivacyService({ platform: createFakePlatform({ agreed: true }), storage, clock: createFakeClock() }) }
}

describe('phone number event mapping (src/services/privacy/phone.ts)', () => {
  it('WX-PHONE-5: a successful tap gives the one-time code and nothing else', () => {
    const outcome = toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:ok', code: 'c0de', iv: 'ignored' })
    expect(outcome).toEqual({ kind: 'code', code: 'c0de' })
  })

  it('WX-PHONE-5: errno 1400001 (quota used up) falls back to manual entry and is not a refusal', () => {
    const outcome = toPhoneNumberOutcome(QUOTA)
    expect(outcome).toMatchObject({ kind: 'manual', reason: 'quota', message: PHONE_MESSAGES.quota })
    const { service } = freshService()
    phoneNumberFromEvent(service.refusals, QUOTA)
    expect(service.refusals.get('phoneNumber')).toBeUndefined()
  })

  it('WX-PHONE-4: "user deny" and a disagreed agreement (errno 104) are refusals', () => {
    expect(toPhoneNumberOutcome(DENY)).toMatchObject({ kind: 'refused', message: PHONE_MESSAGES.refused })
    expect(toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: 104 })).toMatchObject({ kind: 'refused' })
    expect(toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:fail', errno: 103 })).toMatchObject({ kind: 'refused' })
  })

  it('WX-PHONE-3: every other failure still leaves manual entry (cancel, no permission, undeclared, garbage)', () => {
    expect(toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:fail user cancel' })).toMatchObject({ kind: 'manual', reason: 'cancelled' })
    expect(toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:fail no permission' })).toMatchObject({ kind: 'manual', reason: 'unavailable' })
    const undeclared = toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement', errno: 112 })
    expect(undeclared).toMatchObject({ kind: 'manual', reason: 'unavailable' })
    if (undeclared.kind === 'code') throw new Error('unreachable')
    expect(undeclared.error.message).toContain('手机号')
    expect(toPhoneNumberOutcome(undefined)).toMatchObject({ kind: 'manual', reason: 'unavailable' })
    expect(toPhoneNumberOutcome({ errMsg: 'getPhoneNumber:ok' })).toMatchObject({ kind: 'manual', reason: 'unavailable' })
  })

  it('WX-PHONE-4: a refusal is remembered across a relaunch, and a later code (a new tap) clears it', () => {
    const { storage, service } = freshService()
    expect(phoneNumberFromEvent(service.refusals, DENY).kind).toBe('refused')
    expect(service.refusals.get('phoneNumber')).toMatchObject({ count: 1 })

    // Relaunch: a new service over the same storage still knows, so the app does not ask by itself.
    const relaunched = freshService(storage).service
    expect(relaunched.refusals.get('phoneNumber')).toMatchObject({ count: 1 })
    expect(relaunched.refusals.mayPrompt('phoneNumber', { userInitiated: false })).toBe(false)
    // The button itself stays: a tap may always ask again.
    expect(relaunched.refusals.mayPrompt('phoneNumber', { userInitiated: true })).toBe(true)

    expect(phoneNumberFromEvent(relaunched.refusals, { errMsg: 'getPhoneNumber:ok', code: 'c2' })).toEqual({ kind: 'code', code: 'c2' })
    expect(relaunched.refusals.get('phoneNumber')).toBeUndefined()
  })
})

describe('phone number button (weapp)', () => {
  function renderButton() {
    const results: PhoneNumberOutcome[] = []
    render(<PhoneNumberButton onResult={(outcome) => results.push(outcome)} />)
    const button = screen.getByText('一键填写微信手机号').closest('[data-open-type]') as HTMLElement
    return { results, button }
  }

  it('WX-PHONE-2: the catalog reason is shown right beside the button, before any tap', () => {
    const { button } = renderButton()
    const reason = screen.getByText(privacyItem('phoneNumber').reason)
    expect(button.parentElement).toBe(reason.parentElement)
    expect(button.nextElementSibling).toBe(reason)
  })

  it('WX-PHONE-5: it is WeChat getPhoneNumber open-type button; the code comes only from the event', () => {
    const { results, button } = renderButton()
    expect(button.getAttribute('data-open-type')).toBe('getPhoneNumber')
    // Rendering calls nothing; a plain click is not the event either.
    expect(taroFake.apiNames()).toEqual([])
    fireEvent.click(button)
    expect(results).toEqual([])

    wechatTap(button, 'getPhoneNumber', { errMsg: 'getPhoneNumber:ok', code: 'wx-code-1' })
    expect(results).toEqual([{ kind: 'code', code: 'wx-code-1' }])
  })

  it('WX-PHONE-4: a deny is recorded by the privacy service and reported as a refusal', () => {
    const { results, button } = renderButton()
    wechatTap(button, 'getPhoneNumber', DENY)
    expect(results[0]).toMatchObject({ kind: 'refused' })
    expect(privacy.refusals.get('phoneNumber')).toBeDefined()
  })

  it('WX-PHONE-5: quota used up is reported as a manual fallback', () => {
    const { results, button } = renderButton()
    wechatTap(button, 'getPhoneNumber', QUOTA)
    expect(results[0]).toMatchObject({ kind: 'manual', reason: 'quota' })
    expect(privacy.refusals.get('phoneNumber')).toBeUndefined()
  })
})

describe('phone number button (H5 emulation)', () => {
  async function tapH5(): Promise<PhoneNumberOutcome[]> {
    const results: PhoneNumberOutcome[] = []
    render(<PhoneNumberButtonH5 onResult={(outcome) => results.push(outcome)} />)
    screen.getByText(privacyItem('phoneNumber').reason)
    await act(async () => {
      fireEvent.click(screen.getByText('一键填写微信手机号'))
      await flushPromises()
    })
    return results
  }

  // First in this block: the service remembers an agreement for the rest of the launch.
  it('WX-PHONE-4: a disagreed privacy agreement never reaches the phone prompt', async () => {
    fake().agreed = false
    try {
      const results: PhoneNumberOutcome[] = []
      render(<PhoneNumberButtonH5 onResult={(outcome) => results.push(outcome)} />)
      await act(async () => {
        fireEvent.click(screen.getByText('一键填写微信手机号'))
        await flushPromises()
      })
      // The consent sheet is the service's; refuse it.
      await act(async () => {
        privacy.consent.disagree()
        await flushPromises()
      })
      expect(taroFake.callsTo('showModal')).toEqual([])
      expect(results[0]).toMatchObject({ kind: 'refused' })
    } finally {
      fake().agreed = true
    }
  })

  it('WX-PHONE-5: allow gives a sandbox code, asked only on the tap', async () => {
    taroFake.answerModals(true)
    const results = await tapH5()
    expect(taroFake.callsTo('showModal')).toHaveLength(1)
    expect(results).toHaveLength(1)
    const [outcome] = results
    expect(outcome?.kind).toBe('code')
    expect(outcome?.kind === 'code' ? outcome.code : '').toMatch(/^h5sandbox_phone_[a-z0-9]+$/)
  })

  it('WX-PHONE-4: deny is a remembered refusal', async () => {
    taroFake.answerModals(false)
    const results = await tapH5()
    expect(results[0]).toMatchObject({ kind: 'refused' })
    expect(privacy.refusals.get('phoneNumber')).toBeDefined()
  })


})
