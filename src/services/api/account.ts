import type { LoginRequest, LoginResponse, UserProfile } from '@contract/schemas'
import { isLoginResponse } from './generated/is-login-response'
import { isUserProfile } from './generated/is-user-profile'
import { isNoContent, type HttpClient } from './http'

/** The session's calls (login, logout, who am I, delete everything). The profile and
 * my-data pages' calls live in ./profile.ts, which only subpackages load. */
export interface AccountApi {
  login(code: string): Promise<LoginResponse>
  logout(): Promise<void>
  me(): Promise<UserProfile>
  /** Deletes everything the server holds about the user (WX-DATA-1). */
  deleteMyData(): Promise<void>
}

export function createAccountApi(http: HttpClient): AccountApi {
  return {
    login: (code) => http.request({ method: 'POST', path: '/api/auth/login', body: { code } satisfies LoginRequest }, isLoginResponse),
    logout: async () => {
      await http.request({ method: 'POST', path: '/api/auth/logout' }, isNoContent)
    },
    me: () => http.get('/api/me', {}, isUserProfile),
    deleteMyData: async () => {
      await http.request({ method: 'DELETE', path: '/api/me' }, isNoContent)
    },
  }
}
