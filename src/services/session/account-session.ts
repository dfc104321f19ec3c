import { createStore } from '@/state/store'
import type { UserProfile } from '@contract/schemas'
import type { AccountApi } from '../api/account'
import { ApiError } from '../api/http'
import { PrivacyError, type PrivacyService } from '../privacy'
import { LOGIN_REASONS, LoginDeclined, type LoginPurpose } from './login-reasons'
import type { SessionStore } from './store'

export interface LoginPromptSnapshot {
  open: boolean
  /** Why this action needs an account, shown in the sheet (LOGIN_REASONS); null while closed. */
  reason: string | null
  busy: boolean
  /** What went wrong with the last attempt, in plain words; the sheet stays open to retry. */
  error: string | null
}

export interface AccountSession {
  /** Login from a user's tap: privacy service → WeChat login code → our server → code2Session (WX-LOGIN-3). */
  login(): Promise<UserProfile>
  /** Ends the session here and on the server; always succeeds locally (WX-LOGIN-4). */
  logout(): Promise<void>
  refreshProfile(): Promise<UserProfile | null>
  /**
   * For something that truly needs an account: resolves at once for a member; otherwise opens the
   * login sheet with the purpose's reason and resolves after login. 暂不登录/close rejects with
   * LoginDeclined and changes nothing (WX-LOGIN-1, -2).
   */
  ensureAccount(purpose: LoginPurpose): Promise<void>
  /**
   * ensureAccount, then the action. An expired session (401) shows the sheet again and retries
   * once; declining either sheet rejects with LoginDeclined.
   */
  withAccount<T>(purpose: LoginPurpose, action: () => Promise<T>): Promise<T>
  /** Deletes everything the server holds, then every local trace (WX-DATA-1). */
  deleteMyData(): Promise<void>
  /** Clears everything kept on this device (cart, searches, refusals, session). */
  clearLocalData(): void
  prompt: {
    getSnapshot(): LoginPromptSnapshot
    subscribe(listener: () => void): () => void
    confirm(): Promise<void>
    cancel(): void
  }
}

export interface AccountSessionDeps {
  store: SessionStore
  account: AccountApi
  privacy: Pick<PrivacyService, 'login'>
  /** Clears every local key (cart, refusals, searches…) after delete-my-data. */
  clearLocalData(): void
}

function messageOf(error: unknown): string {
  if (error instanceof PrivacyError) return error.userMessage
  if (error instanceof ApiError) return error.message
  return '登录失败，请稍后重试'
}

const CLOSED: LoginPromptSnapshot = { open: false, reason: null, busy: false, error: null }

export function createAccountSession({ store, account, privacy, clearLocalData }: AccountSessionDeps): AccountSession {
  const promptStore = createStore(CLOSED)
  let pending: { promise: Promise<boolean>; settle: (loggedIn: boolean) => void } | null = null

  const setPrompt = promptStore.set

  function settle(loggedIn: boolean): void {
    const current = pending
    pending = null
    setPrompt(CLOSED)
    current?.settle(loggedIn)
  }

  async function login(): Promise<UserProfile> {
    const { code } = await privacy.login({ userInitiated: true })
    const result = await account.login(code)
    store.save(result)
    return result.user
  }

  /** One sheet at a time: a second caller waits for the same answer. */
  function askToLogIn(purpose: LoginPurpose): Promise<boolean> {
    if (!pending) {
      let resolve: (loggedIn: boolean) => void = () => undefined
      const promise = new Promise<boolean>((done) => {
        resolve = done
      })
      pending = { promise, settle: resolve }
      setPrompt({ open: true, reason: LOGIN_REASONS[purpose], busy: false, error: null })
    }
    return pending.promise
  }

  async function ensureAccount(purpose: LoginPurpose): Promise<void> {
    if (store.token()) return
    if (!(await askToLogIn(purpose))) throw new LoginDeclined(purpose)
  }

  return {
    login,
    async logout() {
      try {
        await account.logout()
      } catch {
        // The server session also expires on its own; logging out here must never fail.
      } finally {
        store.clear()
      }
    },
    async refreshProfile() {
      if (!store.token()) return null
      const user = await account.me()
      store.updateUser(user)
      return user
    },
    ensureAccount,
    async withAccount(purpose, action) {
      await ensureAccount(purpose)
      try {
        return await action()
      } catch (error) {
        // The 401 already cleared the session (api/app.ts); ask again, then retry once.
        if (!(error instanceof ApiError) || error.status !== 401) throw error
        await ensureAccount('expired')
        return action()
      }
    },
    async deleteMyData() {
      await account.deleteMyData()
      store.clear()
      clearLocalData()
    },
    clearLocalData,
    prompt: {
      getSnapshot: promptStore.getSnapshot,
      subscribe: promptStore.subscribe,
      async confirm() {
        const snapshot = promptStore.getSnapshot()
        if (!snapshot.open || snapshot.busy) return
        setPrompt({ ...snapshot, busy: true, error: null })
        try {
          await login()
          settle(true)
        } catch (error) {
          setPrompt({ ...promptStore.getSnapshot(), busy: false, error: messageOf(error) })
        }
      },
      cancel() {
        if (promptStore.getSnapshot().open) settle(false)
      },
    },
  }
}
