import { act, fireEvent, screen, within } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import ProfilePage from '@/packageAccount/profile/index'
import type { UserProfile } from '@contract/schemas'
import { createFakeBackend } from '../utils/fake-backend'
import { renderPage } from '../utils/render-page'
import { agreedToPrivacyGuideEarlier, storeSession, TEST_USER } from '../utils/session'
import { wechatTap } from '../utils/taro-button'
import { taroFake } from '../utils/taro-api'

const PATH = '/packageAccount/profile/index'
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))
const WITH_AVATAR: UserProfile = { ...TEST_USER, avatarUrl: '/api/avatars/k1.png' }

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

async function openAsMember(user: UserProfile = TEST_USER) {
  storeSession(user)
  agreedToPrivacyGuideEarlier()
  const backend = createFakeBackend()
  await renderPage(ProfilePage, { path: PATH, backend })
  return backend
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
    const backend = await openAsMember()
    backend.respond('/api/me/profile', { status: 200, body: { ...TEST_USER, nickname: '阿花' } })
    submitNickname('  阿花 ')
    await flush()
    expect(backend.calls.find((call) => call.path === '/api/me/profile')).toMatchObject({ method: 'PUT', body: { nickname: '阿花' } })
    screen.getByText('昵称已保存')
  })

  it('WX-PROFILE-2: a nickname that failed WeChat review is not submitted; an empty one is refused', async () => {
    const backend = await openAsMember()
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '违规昵称' } })
    review(input, { pass: false, timeout: false })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    screen.getByText('昵称未通过微信安全检测，请修改后再保存')

    submitNickname('')
    screen.getByText('请输入昵称')
    expect(backend.calls.filter((call) => call.path === '/api/me/profile')).toEqual([])
  })

  it('WX-PROFILE-6: a nickname whose review is still pending is never saved; the avatar reason says it is uploaded', async () => {
    const backend = await openAsMember()
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '刚输入' } })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    screen.getByText('微信正在检测昵称，请稍候再保存')
    review(input, { pass: false, timeout: false })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    expect(backend.calls.filter((call) => call.path === '/api/me/profile')).toEqual([])
    // Before choosing, the user reads that the picture goes to the server.
    const reason = screen.getByText(/图片将上传到本店服务器/)
    expect(avatarButton().compareDocumentPosition(reason) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
  })

  it('WX-PROFILE-2: a review that timed out does not block saving', async () => {
    const backend = await openAsMember()
    backend.respond('/api/me/profile', { status: 200, body: { ...TEST_USER, nickname: '阿花' } })
    const input = nicknameInput()
    fireEvent.input(input, { target: { value: '阿花' } })
    review(input, { pass: false, timeout: true })
    fireEvent.submit(input.closest('form') as HTMLFormElement)
    await flush()
    expect(backend.calls.find((call) => call.path === '/api/me/profile')?.body).toEqual({ nickname: '阿花' })
  })

  it('WX-PROFILE-1: a chosen avatar is uploaded with the session and shown back', async () => {
    const backend = await openAsMember()
    const uploads: Array<Record<string, unknown>> = []
    taroFake.override('uploadFile', (options) => {
      uploads.push(options)
      return { statusCode: 200, data: JSON.stringify(WITH_AVATAR), errMsg: 'uploadFile:ok' }
    })
    await act(async () => {
      wechatTap(avatarButton(), 'chooseAvatar', { avatarUrl: 'wxfile://tmp_avatar.png' })
    })
    await flush()
    expect(uploads[0]).toMatchObject({ filePath: 'wxfile://tmp_avatar.png', name: 'avatar', header: { Authorization: 'Bearer server-token' } })
    expect(String(uploads[0]?.url)).toMatch(/\/api\/me\/avatar$/)
    expect(document.querySelector('.profile__avatar')?.getAttribute('src') ?? document.querySelector('.profile__avatar img')?.getAttribute('src')).toContain('/api/avatars/k1.png')
    expect(backend.calls).toEqual([])
  })

  it('an avatar that is too large gets a clear message and the old avatar stays', async () => {
    await openAsMember(WITH_AVATAR)
    taroFake.override('uploadFile', () => ({
      statusCode: 413,
      data: JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large' } }),
      errMsg: 'uploadFile:ok',
    }))
    await act(async () => {
      wechatTap(avatarButton(), 'chooseAvatar', { avatarUrl: 'wxfile://huge.png' })
    })
    await flush()
    screen.getByText('文件太大，请换一张小一点的图片')
    expect(JSON.parse(String(taroFake.storage.get('session.v1'))).user.avatarUrl).toBe('/api/avatars/k1.png')
  })

  it('WX-PROFILE-3: withdrawing clears avatar and nickname on the server and here', async () => {
    const backend = await openAsMember(WITH_AVATAR)
    backend.respond('/api/me/profile', { status: 200, body: { ...TEST_USER, nickname: null, avatarUrl: null } })
    taroFake.answerModals(true)
    fireEvent.click(screen.getByText('清除头像和昵称'))
    await flush()
    expect(backend.calls.find((call) => call.path === '/api/me/profile')?.method).toBe('DELETE')
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
    await flush()
    expect(taroFake.apiNames()).toContain('navigateBack')
  })
})
