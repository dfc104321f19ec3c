import type { AccountApi } from '@/services/api/account'
import { ApiError } from '@/services/api/http'
import type { LoginResponse, UserProfile } from '@contract/schemas'
import { PrivacyError } from '@/services/privacy'
import { createAccountSession } from '@/services/session/account-session'
import { createSessionStore } from '@/services/session/store'
import { LOGIN_REASONS, LoginDeclined } from '@/services/session/login-reasons'
import { createFakeStorage } from '../utils/fake-privacy'

const USER: UserProfile = { id: 'u_1', nickname: null, avatarUrl: null, phoneMasked: null, createdAt: '2026-11-21T08:00:00.000Z' }
const LOGIN: LoginResponse = { token: 'server-token-1', expiresAt: '2026-11-23T08:00:00.000Z', user: USER }

function setup() {
  const calls: string[] = []
  const storage = createFakeStorage()
  const store = createSessionStore(storage)
  const failNext: Partial<Record<keyof AccountApi | 'wxLogin', unknown>> = {}
  const step = async <T>(name: keyof AccountApi | 'wxLogin', value: T): Promise<T> => {
    calls.push(name)
    const failure = failNext[name]
    delete failNext[name]
    if (failure) throw failure
    return value
  }
  const account: AccountApi = {
    login: (code) => step('login', { ...LOGIN, token: `token-for-${code}` }),
    logout: () => step('logout', undefined),
    me: () => step('me', USER),
    deleteMyData: () => step('deleteMyData', undefined),
  }
  const privacy = { login: () => step('wxLogin', { code: 'wx-code' }) }
  const clearLocalData = jest.fn(() => storage.data.clear())
  const session = createAccountSession({ store, account, privacy, clearLocalData })
  return { calls, storage, store, session, failNext, clearLocalData }
}

describe('account session', () => {
  it('WX-LOGIN-3: login is privacy service → wx.login code → our server; only the server token is kept', async () => {
    const { calls, store, session, storage } = setup()
    await session.login()
    expect(calls).toEqual(['wxLogin', 'login'])
    expect(store.token()).toBe('token-for-wx-code')
    const saved = JSON.parse(storage.data.get('session.v1') ?? '{}') as Record<string, unknown>
    expect(Object.keys(saved).sort()).toEqual(['expiresAt', 'token', 'user'])
    expect(JSON.stringify(saved)).not.toMatch(/session_?key|openid/i)
  })

  it('WX-LOGIN-1: a member passes ensureAccount without any sheet', async () => {
    const { session } = setup()
    await session.login()
    await expect(session.ensureAccount('orders')).resolves.toBeUndefined()
    expect(session.prompt.getSnapshot().open).toBe(false)
  })

  it('WX-LOGIN-2: a visitor sees the sheet with the purpose\'s reason; 暂不登录 rejects with LoginDeclined and changes nothing', async () => {
    const { calls, session, storage } = setup()
    storage.setItem('shop.cart.v1', '{"lines":[1]}')
    const answer = session.ensureAccount('orders')
    expect(session.prompt.getSnapshot()).toEqual({ open: true, reason: LOGIN_REASONS.orders, busy: false, error: null })
    session.prompt.cancel()
    await expect(answer).rejects.toEqual(new LoginDeclined('orders'))
    await expect(answer).rejects.toMatchObject({ purpose: 'orders', message: LOGIN_REASONS.orders })
    expect(calls).toEqual([])
    expect(storage.data.get('shop.cart.v1')).toBe('{"lines":[1]}')
    expect(session.prompt.getSnapshot().open).toBe(false)
  })

  it('WX-LOGIN-1: concurrent actions share one sheet, and login from it resolves them all', async () => {
    const { session } = setup()
    const first = session.ensureAccount('checkout')
    const second = session.ensureAccount('wechatPhone')
    expect(session.prompt.getSnapshot().reason).toBe(LOGIN_REASONS.checkout)
    await session.prompt.confirm()
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined])
  })

  it('a failed login keeps the sheet open with a plain message; retry works', async () => {
    const { session, failNext } = setup()
    const answer = session.ensureAccount('member')
    failNext.login = new ApiError({ kind: 'http', status: 503, code: 'WECHAT_BUSY', detail: 'busy' })
    await session.prompt.confirm()
    expect(session.prompt.getSnapshot()).toMatchObject({ open: true, busy: false, error: '微信服务繁忙，请稍后重试' })

    failNext.wxLogin = new PrivacyError({ code: 'UNSUPPORTED', api: 'login' })
    await session.prompt.confirm()
    expect(session.prompt.getSnapshot().error).toBe('当前微信版本不支持该功能，请使用其他方式')

    await session.prompt.confirm()
    await expect(answer).resolves.toBeUndefined()
  })

  it('WX-LOGIN-3: an expired session (401) asks again, then retries the action once', async () => {
    const { session, store } = setup()
    await session.login()
    let attempts = 0
    const action = async () => {
      attempts += 1
      if (attempts === 1) {
        store.clear() // what the API client does on a 401
        throw new ApiError({ kind: 'http', status: 401, code: 'UNAUTHORIZED', detail: '401' })
      }
      return 'orders'
    }
    const result = session.withAccount('orders', action)
    await Promise.resolve()
    await Promise.resolve()
    await Promise.resolve()
    expect(session.prompt.getSnapshot()).toMatchObject({ open: true, reason: LOGIN_REASONS.expired })
    await session.prompt.confirm()
    await expect(result).resolves.toBe('orders')
    expect(attempts).toBe(2)
  })

  it('WX-LOGIN-3: an expired session and a cancelled sheet leave the user a visitor with nothing lost', async () => {
    const { session, store } = setup()
    await session.login()
    const result = session.withAccount('orders', async () => {
      store.clear()
      throw new ApiError({ kind: 'http', status: 401, detail: '401' })
    })
    await Promise.resolve()
    await Promise.resolve()
    await Promise.resolve()
    session.prompt.cancel()
    await expect(result).rejects.toEqual(new LoginDeclined('expired'))
    expect(store.getSnapshot().user).toBeNull()
  })

  it('WX-LOGIN-4: logout clears the session even when the server cannot be reached', async () => {
    const { session, store, failNext, calls } = setup()
    await session.login()
    failNext.logout = new ApiError({ kind: 'network', detail: 'offline' })
    await session.logout()
    expect(calls).toContain('logout')
    expect(store.token()).toBeNull()
  })

  it('WX-DATA-1: delete-my-data deletes on the server first, then clears every local trace', async () => {
    const { session, store, clearLocalData, calls } = setup()
    await session.login()
    await session.deleteMyData()
    expect(calls.slice(-1)).toEqual(['deleteMyData'])
    expect(store.token()).toBeNull()
    expect(clearLocalData).toHaveBeenCalledTimes(1)
  })

  it('WX-DATA-1: when the server delete fails, nothing local is cleared and the error surfaces', async () => {
    const { session, store, clearLocalData, failNext } = setup()
    await session.login()
    failNext.deleteMyData = new ApiError({ kind: 'network', detail: 'offline' })
    await expect(session.deleteMyData()).rejects.toBeInstanceOf(ApiError)
    expect(store.token()).not.toBeNull()
    expect(clearLocalData).not.toHaveBeenCalled()
  })

  it('corrupt session storage reads as a visitor', () => {
    const storage = createFakeStorage({ 'session.v1': '{"token": 5' })
    expect(createSessionStore(storage).getSnapshot().user).toBeNull()
  })
})
