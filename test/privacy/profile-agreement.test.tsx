/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * WX-PROFILE-6: WeChat raises no privacy event for the nickname input before agreement (it degrades
 * it), so the profile page syncs the agreement itself and keeps the field disabled until agreed; the
 * H5 avatar picker goes through the same consent sheet as WeChat's chooseAvatar.
 * One app instance, in order: nobody agrees until the last step of each flow.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { privacy } from '@/app-root'
import ProfilePage from '@/packageAccount/profile/index'
import AvatarPickerH5 from '@/services/privacy/components/avatar-picker/index.h5'
import { createFakePlatform, flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { memberOnDevice, openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'
import { wechatTap } from '../utils/taro-button'
import { installRootForFile } from '../utils/test-root'

// These tests continue one app session: what an earlier test agreed to still holds.
const fake = createFakePlatform()
installRootForFile({ privacyPlatform: fake })
const server = openServerForFile()
const nicknameInput = () => document.querySelector<HTMLInputElement>('input[name="nickname"]') as HTMLInputElement
const settle = () => act(flushPromises)

describe('WX-PROFILE-6: agreement before the nickname and the H5 avatar picker', () => {
  afterEach(() => {
    fake.calls.length = 0
  })

  it('WX-PROFILE-6: the H5 avatar picker shows the consent sheet first; 拒绝 opens no file picker and says why', async () => {
    const picked: string[] = []
    const refused: string[] = []
    render(<AvatarPickerH5 onPick={(path) => picked.push(path)} onRefused={(message) => refused.push(message)}>选择头像</AvatarPickerH5>)
    await act(async () => {
      fireEvent.click(screen.getByText('选择头像'))
      await flushPromises()
    })
    expect(privacy.consent.getSnapshot()).toMatchObject({ open: true, referrer: '<Button openType="chooseAvatar">' })
    act(() => privacy.consent.disagree())
    await settle()
    expect(refused).toEqual(['你未同意隐私保护指引，该功能暂不可用，其他功能不受影响'])
    expect(taroFake.callsTo('chooseImage')).toEqual([])
    expect(picked).toEqual([])
  })

  it('WX-PROFILE-6: the nickname input is disabled until the agreement is synced; 拒绝 keeps it disabled, 阅读并同意 → 同意 enables it', async () => {
    const backend = server()
    await memberOnDevice(backend.app)
    await renderPage(ProfilePage, { path: '/packageAccount/profile/index', backend })
    await settle()
    // Opening the page to set a nickname syncs the agreement: the sheet names the nickname.
    // (getPrivacySetting was read once this launch, by the avatar picker above.)
    expect(fake.calls).toEqual(['requirePrivacyAuthorize'])
    expect(screen.getByTestId('consent-sheet')).toHaveTextContent('使用「昵称」前')
    expect(nicknameInput()).toBeDisabled()

    await act(async () => {
      fireEvent.click(screen.getByText('拒绝'))
      await flushPromises()
    })
    expect(nicknameInput()).toBeDisabled()
    expect(screen.getByTestId('nickname-refused')).toHaveTextContent('你未同意隐私保护指引')

    await act(async () => {
      fireEvent.click(screen.getByText('阅读并同意'))
      await flushPromises()
    })
    await act(async () => {
      wechatTap(screen.getByText('同意').closest('[data-open-type]') as HTMLElement, 'agreePrivacyAuthorization')
      await flushPromises()
    })
    await settle()
    expect(nicknameInput()).toBeEnabled()
    expect(screen.queryByTestId('nickname-refused')).toBeNull()
  })

  it('WX-PROFILE-6: once agreed, the H5 picker opens the file picker at once', async () => {
    const picked: string[] = []
    taroFake.override('chooseImage', () => ({ tempFilePaths: ['blob:avatar'], errMsg: 'chooseImage:ok' }))
    render(<AvatarPickerH5 onPick={(path) => picked.push(path)}>选择头像</AvatarPickerH5>)
    await act(async () => {
      fireEvent.click(screen.getByText('选择头像'))
      await flushPromises()
    })
    expect([fake.calls, privacy.consent.getSnapshot()]).toEqual([[], expect.objectContaining({ open: false })])
    expect(picked).toEqual(['blob:avatar'])
  })
})
