import { createPersistedStore } from '@/state/store'
import type { LoginResponse, UserProfile } from '@contract/schemas'
import type { KeyValueStorage } from '../storage'

const SESSION_KEY = 'session.v1'

interface StoredSession {
  token: string
  expiresAt: string
  /** The last profile the server returned, so 我的 renders at once on relaunch. */
  user: UserProfile
}

export interface SessionSnapshot {
  /** null: a visitor. */
  user: UserProfile | null
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  const user = record.user as Record<string, unknown> | null | undefined
  return typeof record.token === 'string' && record.token !== '' && typeof record.expiresAt === 'string' &&
    typeof user === 'object' && user !== null && typeof user.id === 'string'
}

/**
 * The only place the session lives on the device: the server's own opaque token (never the openid,
 * never session_key) and a profile cache. Observable, so 我的 and the login sheet follow it.
 * Corrupt storage reads as "no session": the user is simply a visitor.
 */
export interface SessionStore {
  getSnapshot(): SessionSnapshot
  subscribe(listener: () => void): () => void
  token(): string | null
  save(login: LoginResponse): void
  /** The server rotated the token (WX-LOGIN-6): keep the session, replace token and expiry. */
  rotate(token: string, expiresAt: string): void
  updateUser(user: UserProfile): void
  /** Forgets the session locally (logout, 401, delete-my-data). */
  clear(): void
  /** Re-reads storage (after storage was cleared underneath, e.g. in tests). */
  reload(): void
}

export function createSessionStore(storage: KeyValueStorage): SessionStore {
  // The snapshot React reads is only the user; the token stays out of render paths.
  const store = createPersistedStore<StoredSession | null>({
    storage,
    key: SESSION_KEY,
    parse: (stored) => (isStoredSession(stored) ? stored : null),
    serialize: (session) => session ?? undefined,
  })
  let snapshot: SessionSnapshot = { user: null }
  const snapshotOf = (session: StoredSession | null): SessionSnapshot => {
    const user = session?.user ?? null
    if (user !== snapshot.user) snapshot = { user }
    return snapshot
  }

  return {
    getSnapshot: () => snapshotOf(store.getSnapshot()),
    subscribe: store.subscribe,
    token: () => store.getSnapshot()?.token ?? null,
    save: ({ token, expiresAt, user }) => store.set({ token, expiresAt, user }),
    rotate(token, expiresAt) {
      const session = store.getSnapshot()
      if (session) store.set({ ...session, token, expiresAt })
    },
    updateUser(user) {
      const session = store.getSnapshot()
      if (session) store.set({ ...session, user })
    },
    clear() {
      if (store.getSnapshot() !== null) store.set(null)
    },
    reload: store.reload,
  }
}
