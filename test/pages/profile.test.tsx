/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 编辑资料 against the real server: the nickname, the avatar (uploaded as WeChat's uploadFile sends
 * it) and the withdrawal are the server's, checked there through GET /api/me. WeChat's nickname
 * review is the platform's and stays scripted.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import { sessionStore } from '@/app-root'
import ProfilePage from '@/packageAccount/profile/index'
import type { UserProfile } from '@contract/schemas'
import { AVATAR_MAX_BYTES } from '../../server/src/accounts/avatars'
import { IMAGES } from '../../server/test/support/accounts'
import { renderPage } from '../utils/render-page'
import { memberOnDevice, openServerForFile, uploadAvatar, uploadFilesTo } from '../utils/server-backend'
import { agreedToPrivacyGuideEarlier } from '../utils/session'
import { wechatTap } from '../utils/taro-button'
import { taroFake } from '../utils/taro-api'

const PATH = '/packageAccount/profile/index'
const server = openServerForFile()
// What chooseAvatar hands the page: a temporary file on the device.
const PICKED = 'wxfile://tmp_avatar.png'
const HUGE = 'wxfile://huge.png'
const DEVICE_FILES = { [PICKED]: IMAGES.png, [HUGE]: Buffer.concat([IMAGES.png, Buffer.alloc(AVATAR_MAX_BYTES)]) }

function avatarButton(): Element {
  const button = document.querySelector('[data-open-type="chooseAvatar"]')
  if (!button) throw new Error('no chooseAvatar button')
  return button
}

function nicknameInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[name="nickname"]')
  if (!input) throw new Error('no nickname input')
  return input
}

/** Where the avatar <Image> points (Taro's H5 Image wraps an <img>). */
function avatarSrc(): string {
  return within(screen.getByTestId('profile-avatar')).getByRole('img').getAttribute('src') ?? ''
}

function review(input: HTMLInputElement, detail: { pass: boolean; timeout: boolean }) {
  act(() => {
    input.dispatchEvent(new CustomEvent('nicknamereview', { detail }))
  })
}

/** Types a nickname that WeChat's review passes, then submits the form. */
function submitNickname(value: string) {
  fireEvent.input(nicknameInput(), { target: { value } })
  review(nicknameInput(), { pass: true, timeout: false })
  fireEvent.submit(nicknameInput().closest('form') as HTMLFormElement)
}

/** A member called 小王 on this device (with an avatar if asked), the profile page open. */
async function openAsMember(options: { avatar?: boolean } = {}) {
  const backend = server()
  uploadFilesTo(backend.app, DEVICE_FILES)
  const member = await memberOnDevice(backend.app)
  const named = await member.call<UserProfile>('PUT', '/api/me/profile', { nickname: '小王' })
  sessionStore.updateUser(options.avatar ? await uploadAvatar(backend.app, member.session.token) : named)
  agreedToPrivacyGuideEarlier()
  await renderPage(ProfilePage, { path: PATH, backend })
  const onServer = () => member.call<UserProfile>('GET', '/api/me')
  return { backend, member, onServer }
}

describe('编辑资料', () => {
  it('WX-PROFILE-1: avatar through <Button openType="chooseAvatar">, nickname through <Input type="nickname">, each with its reason', async () => {
    await openAsMember()
    avatarButton()
    nicknameInput()
    screen.getByText('选择后图片将上传到本店服务器，仅用于在「我的」页面展示，仅你本人可见')
    expect(taroFake.apiNames()).not.toContain('getUserProfile')
  })

  it('WX-PROFILE-1: the avatar and nickname controls are rendered only by the profile page', () => {
    const root = path.resolve(__dirname, '../../src')
    const importers: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (/\.tsx?$/.test(entry.name) && /components\/(avatar-picker|nickname-field)['"]/.test(fs.readFileSync(full, 'utf8'))) {
          importers.push(path.relative(root, full))
        }
      }
    }
    walk(root)
    expect(importers).toEqual([path.join('packageAccount', 'profile', 'index.tsx')])
  })

  it('WX-PROFILE-2: the nickname is read on form submit and saved', async () => {
    const { backend, onServer } = await openAsMember()
    submitNickname('  阿花 ')
    await screen.findByText('昵称已保存')
    expect(backend.calls.find((call) => call.path === '/api/me/profile')).toMatchObject({ method: 'PUT', body: { nickname: '阿花' } })
    expect((await onServer()).nickname).toBe('阿花')
  })

  it('WX-PROFILE-2: a nickname that failed WeChat review is not submitted; an empty one is refused', async () => {
    const { backend, onServer } = await openAsMember()
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '违规昵称' } })
    review(input, { pass: false, timeout: false })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    screen.getByText('昵称未通过微信安全检测，请修改后再保存')

    submitNickname('')
    screen.getByText('请输入昵称')
    expect(backend.calls.filter((call) => call.path === '/api/me/profile')).toEqual([])
    expect((await onServer()).nickname).toBe('小王')
  })

  it('WX-PROFILE-6: a nickname whose review is still pending is never saved; the avatar reason says it is uploaded', async () => {
    const { backend, onServer } = await openAsMember()
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '刚输入' } })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    screen.getByText('微信正在检测昵称，请稍候再保存')
    review(input, { pass: false, timeout: false })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    expect(backend.calls.filter((call) => call.path === '/api/me/profile')).toEqual([])
    expect((await onServer()).nickname).toBe('小王')
    // Before choosing, the user reads that the picture goes to the server.
    const reason = screen.getByText(/图片将上传到本店服务器/)
    expect(avatarButton().compareDocumentPosition(reason) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
  })

  it('WX-PROFILE-2: a review that timed out does not block saving', async () => {
    const { backend, onServer } = await openAsMember()
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '阿花' } })
    review(input, { pass: false, timeout: true })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    await screen.findByText('昵称已保存')
    expect(backend.calls.find((call) => call.path === '/api/me/profile')?.body).toEqual({ nickname: '阿花' })
    expect((await onServer()).nickname).toBe('阿花')
  })

  it('WX-PROFILE-1: a chosen avatar is uploaded with the session and shown back', async () => {
    const { backend, member, onServer } = await openAsMember()
    await act(async () => {
      wechatTap(avatarButton(), 'chooseAvatar', { avatarUrl: PICKED })
    })
    await screen.findByText('头像已更新')
    const upload = taroFake.callsTo('uploadFile')[0]?.args[0] as Record<string, unknown>
    expect(upload).toMatchObject({ filePath: PICKED, name: 'avatar', header: { Authorization: `Bearer ${member.session.token}` } })
    expect(String(upload.url)).toMatch(/\/api\/me\/avatar$/)
    // The server's new avatar URL (a random key it made), shown back.
    const { avatarUrl } = await onServer()
    expect(avatarUrl).toMatch(/^\/api\/avatars\/[0-9a-f]{32}\.png$/)
    expect(avatarSrc()).toContain(avatarUrl)
    expect(backend.calls).toEqual([])
  })

  it('an avatar that is too large gets a clear message and the old avatar stays', async () => {
    const { onServer } = await openAsMember({ avatar: true })
    const before = (await onServer()).avatarUrl
    expect(before).not.toBeNull()
    await act(async () => {
      wechatTap(avatarButton(), 'chooseAvatar', { avatarUrl: HUGE })
    })
    // The server's 413 (over AVATAR_MAX_BYTES), in the app's words.
    await screen.findByText('文件太大，请换一张小一点的图片')
    expect(JSON.parse(String(taroFake.storage.get('session.v1'))).user.avatarUrl).toBe(before)
    expect((await onServer()).avatarUrl).toBe(before)
    expect(avatarSrc()).toContain(before)
  })

  it('WX-PROFILE-3: withdrawing clears avatar and nickname on the server and here', async () => {
    const { backend, onServer } = await openAsMember({ avatar: true })
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('清除头像和昵称'))
    await screen.findByText('已清除头像和昵称')
    expect(backend.calls.find((call) => call.path === '/api/me/profile')?.method).toBe('DELETE')
    expect(await onServer()).toMatchObject({ nickname: null, avatarUrl: null })
    const stored = JSON.parse(String(taroFake.storage.get('session.v1'))).user as UserProfile
    expect(stored.nickname).toBeNull()
    expect(stored.avatarUrl).toBeNull()
  })

  it('WX-LOGIN-1: opened without a session it asks to log in, and 暂不登录 goes back', async () => {
    await renderPage(ProfilePage, { path: PATH, backend: null })
    // The sheet says why, and the page behind it shows the same reason instead of the form (AccountPage).
    within(screen.getByTestId('login-sheet')).getByText('登录后可设置头像和昵称')
    expect(screen.queryByText('昵称')).toBeNull()
    fireEvent.click(screen.getByText('暂不登录'))
    await waitFor(() => expect(taroFake.apiNames()).toContain('navigateBack'))
  })
})
