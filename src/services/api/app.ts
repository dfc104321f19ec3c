/**
 * The app-wide API clients, wired once: Taro's transport, the build's backend URL, and the
 * session store for the Authorization header (a 401 on an authenticated call clears the session).
 */
import { apiBaseUrl } from '../env'
import { createSessionStore } from '../session/store'
import { taroStorage } from '../storage'
import { createAccountApi, taroUploader } from './account'
import { createHttpClient, taroTransport } from './http'

export const sessionStore = createSessionStore(taroStorage)

export const http = createHttpClient({
  transport: taroTransport,
  baseUrl: apiBaseUrl(),
  auth: {
    token: () => sessionStore.token(),
    onUnauthorized: () => sessionStore.clear(),
    onRotated: (token, expiresAt) => sessionStore.rotate(token, expiresAt),
  },
})

export const account = createAccountApi(http, { uploader: taroUploader, baseUrl: apiBaseUrl(), token: () => sessionStore.token() })
