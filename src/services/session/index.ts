/**
 * The account session: optional login from a tap, logout, expired-session handling and
 * delete-my-data. Browsing never needs it (WX-LAUNCH-2).
 */
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { cartStore } from '@/store/cart'
import { account, sessionStore } from '../api/app'
import { privacy } from '../privacy'
import { createAccountSession, type LoginPromptSnapshot } from './account-session'
import type { SessionSnapshot } from './store'

export const session = createAccountSession({
  store: sessionStore,
  account,
  privacy,
  clearLocalData() {
    Taro.clearStorageSync()
    // In-memory copies follow the now-empty storage.
    cartStore.reload()
    sessionStore.reload()
  },
})

export { sessionStore }
export type { AccountSession, LoginPromptSnapshot } from './account-session'
export { LOGIN_REASONS, LoginDeclined, type LoginPurpose } from './login-reasons'

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot, sessionStore.getSnapshot)
}

export function useLoginPrompt(): LoginPromptSnapshot {
  return useSyncExternalStore(session.prompt.subscribe, session.prompt.getSnapshot, session.prompt.getSnapshot)
}
