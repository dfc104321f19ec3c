import { sessionStore } from '@/app-root'
import type { LoginResponse, UserProfile } from '@contract/schemas'
import { taroFake } from './taro-api'

export const TEST_USER: UserProfile = { id: 'u_1', nickname: '小王', avatarUrl: null, phoneMasked: '138****8000', createdAt: '2026-11-21T08:00:00.000Z' }
export const TEST_LOGIN: LoginResponse = { token: 'server-token', expiresAt: '2026-11-23T08:00:00.000Z', user: TEST_USER }

/** Starts the test as a member: a stored session, as after an earlier login. */
export function storeSession(user: UserProfile = TEST_USER): void {
  taroFake.storage.set('session.v1', JSON.stringify({ token: TEST_LOGIN.token, expiresAt: TEST_LOGIN.expiresAt, user }))
  sessionStore.reload()
}

/** The user agreed to the privacy guide on an earlier visit (real platform adapter over the Taro fake). */
export function agreedToPrivacyGuideEarlier(): void {
  taroFake.override('getPrivacySetting', () => ({ needAuthorization: false, privacyContractName: '《测试小店隐私保护指引》', errMsg: 'getPrivacySetting:ok' }))
}
