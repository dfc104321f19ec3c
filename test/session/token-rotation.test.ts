/**
 * WX-LOGIN-6 on the client: the server rotates a session token while it is in use and sends the
 * new one in response headers; the HTTP layer hands it to the session store, which keeps it.
 */
import { ApiError, createHttpClient, type TransportRequest, type TransportResponse } from '@/services/api/http'
import type { UserProfile } from '@contract/schemas'
import { createSessionStore } from '@/services/session/store'
import { createFakeStorage } from '../utils/fake-privacy'

const USER: UserProfile = { id: 'u_1', nickname: null, avatarUrl: null, phoneMasked: null, createdAt: '2026-11-21T08:00:00.000Z' }
const OLD = 'a'.repeat(43)
const NEW = 'b'.repeat(43)

function setup(answers: TransportResponse[]) {
  const storage = createFakeStorage()
  const store = createSessionStore(storage)
  store.save({ token: OLD, expiresAt: '2026-11-23T08:00:00.000Z', user: USER })
  const sent: TransportRequest[] = []
  const http = createHttpClient({
    baseUrl: 'http://api.test',
    transport: async (request) => {
      sent.push(request)
      const answer = answers.shift()
      if (!answer) throw new Error('no scripted answer')
      return answer
    },
    auth: { token: () => store.token(), onUnauthorized: () => store.clear(), onRotated: (token, expiresAt) => store.rotate(token, expiresAt) },
  })
  const isAny = (value: unknown): value is unknown => value !== undefined
  return { store, storage, sent, get: () => http.get('/api/me', {}, isAny) }
}

describe('session token rotation', () => {
  it('WX-LOGIN-6: a rotated token in a response replaces the stored one (also in storage); the next request sends it', async () => {
    const { store, storage, sent, get } = setup([
      { status: 200, data: USER, header: { 'X-Session-Token': NEW, 'X-Session-Expires-At': '2026-11-25T08:00:00.000Z' } },
      { status: 200, data: USER, header: {} },
    ])
    await get()
    expect(store.token()).toBe(NEW)
    expect(JSON.stringify(storage.getItem('session.v1'))).toContain(NEW)
    expect(store.getSnapshot().user?.id).toBe('u_1')
    await get()
    expect(sent.map((request) => request.header?.Authorization)).toEqual([`Bearer ${OLD}`, `Bearer ${NEW}`])
  })

  it('WX-LOGIN-6: a rotation that came with an error response is still kept; malformed rotation headers are ignored', async () => {
    const { store, get } = setup([
      { status: 409, data: { error: { code: 'CONFLICT', message: 'x' } }, header: { 'x-session-token': NEW, 'x-session-expires-at': '2026-11-25T08:00:00.000Z' } },
      { status: 200, data: USER, header: { 'x-session-token': 'short', 'x-session-expires-at': '2026-11-25T08:00:00.000Z' } },
      { status: 200, data: USER, header: { 'x-session-token': 'c'.repeat(43), 'x-session-expires-at': 'not a date' } },
    ])
    await expect(get()).rejects.toBeInstanceOf(ApiError)
    expect(store.token()).toBe(NEW)
    await get()
    await get()
    expect(store.token()).toBe(NEW)
  })
})
