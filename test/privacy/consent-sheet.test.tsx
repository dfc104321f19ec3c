/**
 * The consent sheet as the user meets it: rendered on whichever page is active, driven only by
 * the privacy service's queue, with 查看指引, 同意 (WeChat's agree button), 拒绝 and a close control.
 */
import { act, fireEvent, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { privacy } from '@/app-root'
import CartPage from '@/pages/cart/index'
import IndexPage from '@/pages/index/index'
import MinePage from '@/pages/mine/index'
import { AGREE_BUTTON_ID } from '@/services/privacy/components/consent-sheet'
import { createFakePlatform, flushPromises, type FakePrivacyPlatform } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'
import { wechatTap } from '../utils/taro-button'
import { installTestRoot } from '../utils/test-root'

let fake: FakePrivacyPlatform
beforeEach(() => {
  fake = createFakePlatform()
  installTestRoot({ privacyPlatform: fake })
})
const sheet = () => document.querySelector('[data-testid="consent-sheet"]')

/** A native privacy request (as a component tap raises it); resolves once the sheet is up. */
async function raise(referrer: string): Promise<{ decision: Promise<unknown> }> {
  let decision: Promise<unknown> = Promise.resolve()
  await act(async () => {
    decision = fake.triggerNative(referrer)
    await flushPromises()
  })
  // Wrapped so awaiting raise() does not wait for the user's decision.
  return { decision }
}

describe('consent sheet', () => {
  it('WX-LAUNCH-1: nothing is shown on launch', async () => {
    await renderPage(IndexPage, { launch: true })
    expect(fake.listenerCount).toBe(1)
    expect(sheet()).toBeNull()
  })

  it('WX-PRIV-3: appears on a tab page when a privacy request is raised there, naming the feature', async () => {
    await renderPage(CartPage, { launch: true, path: '/pages/cart/index', backend: null })
    const { decision } = await raise('getFuzzyLocation')
    expect(sheet()).not.toBeNull()
    expect(sheet()?.textContent).toContain('使用「大致位置」前')
    expect(sheet()?.textContent).toContain('《测试小店隐私保护指引》')
    fireEvent.click(screen.getByText('拒绝'))
    await expect(decision).resolves.toEqual({ event: 'disagree' })
  })

  it('WX-PRIV-2: has 查看指引, 同意 (agreePrivacyAuthorization with its id), 拒绝 and reports its exposure', async () => {
    await renderPage(MinePage, { launch: true, path: '/pages/mine/index', backend: null })
    const { decision } = await raise('chooseAvatar')
    const agree = screen.getByText('同意').closest('[data-open-type]')
    expect(agree?.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization')
    expect(agree?.getAttribute('id')).toBe(AGREE_BUTTON_ID)
    expect(fake.resolutions).toContainEqual({ event: 'exposureAuthorization' })

    fireEvent.click(screen.getByText('查看《测试小店隐私保护指引》'))
    await act(flushPromises)
    expect(fake.calls).toContain('openPrivacyContract')

    fireEvent.click(screen.getByText('拒绝'))
    await expect(decision).resolves.toEqual({ event: 'disagree' })
    expect(sheet()).toBeNull()
  })

  it('WX-PRIV-3: a page that is not on screen renders no sheet, so it never appears twice', async () => {
    await renderPage(MinePage, { launch: true, path: '/pages/mine/index', backend: null })
    await act(() => taroFake.fire('didHide'))
    const { decision } = await raise('chooseAvatar')
    expect(sheet()).toBeNull()
    await act(() => taroFake.fire('didShow'))
    expect(sheet()).not.toBeNull()
    fireEvent.click(screen.getByText('拒绝'))
    await expect(decision).resolves.toEqual({ event: 'disagree' })
  })

  it('WX-PRIV-3: a page below the top of the stack renders no sheet either', async () => {
    await renderPage(MinePage, { launch: true, path: '/pages/mine/index', backend: null })
    await act(async () => {
      await Taro.navigateTo({ url: '/packagePrivacy/index' })
    })
    const { decision } = await raise('chooseAvatar')
    expect(sheet()).toBeNull()
    act(() => privacy.consent.disagree())
    await expect(decision).resolves.toEqual({ event: 'disagree' })
  })

  it('WX-UI-1: the close control closes it and counts as disagree', async () => {
    await renderPage(MinePage, { launch: true, path: '/pages/mine/index', backend: null })
    const { decision } = await raise('chooseAvatar')
    fireEvent.click(screen.getByLabelText('关闭'))
    await expect(decision).resolves.toEqual({ event: 'disagree' })
    expect(sheet()).toBeNull()
    expect(privacy.refusals.get('privacyAgreement')).toBeDefined()
  })

  it('WX-PRIV-1: on WeChat only the agree event of the open-type button agrees; a plain click does not', async () => {
    await renderPage(MinePage, { launch: true, path: '/pages/mine/index', backend: null })
    const { decision } = await raise('chooseAvatar')
    const agree = screen.getByText('同意').closest('[data-open-type]')
    if (!agree) throw new Error('agree button missing')

    fireEvent.click(agree)
    expect(sheet()).not.toBeNull()

    await act(async () => {
      wechatTap(agree, 'agreePrivacyAuthorization')
      await flushPromises()
    })
    await expect(decision).resolves.toEqual({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    expect(sheet()).toBeNull()
  })
})
