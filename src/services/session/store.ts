import type { LoginResponse, UserProfile } from '../api/types'
import { readJson, writeJson, type KeyValueStorage } from '../storage'

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
  const listeners = new Set<() => void>()
  let stored: StoredSession | null | undefined
  let snapshot: SessionSnapshot = { user: null }

  function current(): StoredSession | null {
    if (stored === undefined) {
      const value = readJson(storage, SESSION_KEY)
      stored = isStoredSession(value) ? value : null
      snapshot = { user: stored?.user ?? null }
    }
    return stored
  }

  function set(next: StoredSession | null): void {
    stored = next
    if (next) writeJson(storage, SESSION_KEY, next)
    else storage.removeItem(SESSION_KEY)
    snapshot = { user: next?.user ?? null }
    listeners.forEach((listener) => listener())
  }

  return {
    getSnapshot() {
      current()
      return snapshot
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    token: () => current()?.token ?? null,
    save: ({ token, expiresAt, user }) => set({ token, expiresAt, user }),
    rotate(token, expiresAt) {
      const session = current()
      if (session) set({ ...session, token, expiresAt })
    },
    updateUser(user) {
      const session = current()
      if (session) set({ ...session, user })
    },
    clear() {
      if (current() !== null) set(null)
    },
    reload() {
      stored = undefined
      current()
      listeners.forEach((listener) => listener())
    },
  }
}
