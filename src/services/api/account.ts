import Taro from '@tarojs/taro'
import type { LoginRequest, LoginResponse, MyData, ProfileUpdate, UserProfile } from '@contract/schemas'
import { isApiErrorBody } from './generated/is-api-error-body'
import { isLoginResponse } from './generated/is-login-response'
import { isMyData } from './generated/is-my-data'
import { isUserProfile } from './generated/is-user-profile'
import { ApiError, isNoContent, UPLOAD_MESSAGES, type HttpClient } from './http'

/** Uploads a local file (a chooseAvatar temp path, or an H5 blob URL) as multipart. */
export type Uploader = (request: { url: string; filePath: string; name: string; header: Record<string, string> }) => Promise<{ status: number; data: unknown }>

export interface AccountApi {
  login(code: string): Promise<LoginResponse>
  logout(): Promise<void>
  me(): Promise<UserProfile>
  updateNickname(nickname: string): Promise<UserProfile>
  uploadAvatar(filePath: string): Promise<UserProfile>
  /** Withdraws avatar and nickname (WX-PROFILE-3). */
  withdrawProfile(): Promise<UserProfile>
  myData(): Promise<MyData>
  /** Deletes everything the server holds about the user (WX-DATA-1). */
  deleteMyData(): Promise<void>
  /** Deletes one subscription record (WX-DATA-5). */
  deleteSubscription(orderId: string, templateId: string): Promise<void>
}

export function createAccountApi(http: HttpClient, upload: { uploader: Uploader; baseUrl: string; token: () => string | null }): AccountApi {
  return {
    login: (code) => http.request({ method: 'POST', path: '/api/auth/login', body: { code } satisfies LoginRequest }, isLoginResponse),
    logout: async () => {
      await http.request({ method: 'POST', path: '/api/auth/logout' }, isNoContent)
    },
    me: () => http.get('/api/me', {}, isUserProfile),
    updateNickname: (nickname) => http.request({ method: 'PUT', path: '/api/me/profile', body: { nickname } satisfies ProfileUpdate }, isUserProfile),
    async uploadAvatar(filePath) {
      const token = upload.token()
      const url = `${upload.baseUrl.replace(/\/+$/, '')}/api/me/avatar`
      let response: { status: number; data: unknown }
      try {
        response = await upload.uploader({ url, filePath, name: 'avatar', header: token ? { Authorization: `Bearer ${token}` } : {} })
      } catch (error) {
        throw new ApiError({ kind: 'network', detail: `POST ${url}: ${error instanceof Error ? error.message : String(error)}` })
      }
      // uploadFile hands back the body as text.
      let body: unknown = response.data
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body) as unknown
        } catch {
          body = null
        }
      }
      if (response.status < 200 || response.status >= 300) {
        const code = isApiErrorBody(body) ? body.error.code : undefined
        const message = code ? UPLOAD_MESSAGES[code] : undefined
        throw new ApiError({ kind: 'http', status: response.status, code, message, detail: `POST ${url} -> HTTP ${response.status}` })
      }
      if (!isUserProfile(body)) throw new ApiError({ kind: 'malformed', status: response.status, detail: `POST ${url} -> body is not a UserProfile` })
      return body
    },
    withdrawProfile: () => http.request({ method: 'DELETE', path: '/api/me/profile' }, isUserProfile),
    myData: () => http.get('/api/me/data', {}, isMyData),
    deleteMyData: async () => {
      await http.request({ method: 'DELETE', path: '/api/me' }, isNoContent)
    },
    deleteSubscription: async (orderId, templateId) => {
      const path = `/api/me/subscriptions/${encodeURIComponent(orderId)}/${encodeURIComponent(templateId)}`
      await http.request({ method: 'DELETE', path }, isNoContent)
    },
  }
}

/** The app's uploader: Taro.uploadFile (wx.uploadFile on weapp; fetch + FormData on H5). */
export const taroUploader: Uploader = async ({ url, filePath, name, header }) => {
  const res = await Taro.uploadFile({ url, filePath, name, header })
  return { status: res.statusCode, data: res.data }
}
