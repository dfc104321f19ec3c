/**
 * The account session: optional login from a tap, logout, expired-session handling and
 * delete-my-data. Browsing never needs it (WX-LAUNCH-2). The instances (`session`, `sessionStore`)
 * are wired in app-root.ts; these hooks subscribe components to them.
 */
import { useSyncExternalStore } from 'react'
import { session, sessionStore } from '@/app-root'
import type { LoginPromptSnapshot } from './account-session'
import type { SessionSnapshot } from './store'

export type { AccountSession, LoginPromptSnapshot } from './account-session'
export { LOGIN_REASONS, LoginDeclined, type LoginPurpose } from './login-reasons'

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot, sessionStore.getSnapshot)
}

export function useLoginPrompt(): LoginPromptSnapshot {
  return useSyncExternalStore(session.prompt.subscribe, session.prompt.getSnapshot, session.prompt.getSnapshot)
}
