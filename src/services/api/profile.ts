import Taro from '@tarojs/taro'
import type { MyData, ProfileUpdate, UserProfile } from '@contract/schemas'
import { isApiErrorBody } from './generated/is-api-error-body'
import { isMyData } from './generated/is-my-data'
import { isUserProfile } from './generated/is-user-profile'
import { ApiError, isNoContent, type HttpClient, type Uploader } from './http'

/**
 * The avatar upload's own wording for 413/415. Only that call uses it: a 415 anywhere else (e.g.
 * a doubled content-type header on login) is a generic request error, never an avatar message.
 */
const UPLOAD_MESSAGES: Readonly<Record<string, string>> = {
  PAYLOAD_TOO_LARGE: '文件太大，请换一张小一点的图片',
  UNSUPPORTED_MEDIA_TYPE: '仅支持 PNG、JPEG 或 WebP 图片',
}

/** The app's uploader: Taro.uploadFile (wx.uploadFile on weapp; fetch + FormData on H5). */
export const taroUploader: Uploader = async ({ url, filePath, name, header }) => {
  const res = await Taro.uploadFile({ url, filePath, name, header })
  return { status: res.statusCode, data: res.data }
}

/** The member's profile and data (资料 and 隐私与数据 pages). */
export interface ProfileApi {
  updateNickname(nickname: string): Promise<UserProfile>
  uploadAvatar(filePath: string): Promise<UserProfile>
  /** Withdraws avatar and nickname (WX-PROFILE-3). */
  withdrawProfile(): Promise<UserProfile>
  myData(): Promise<MyData>
  /** Deletes one subscription record (WX-DATA-5). */
  deleteSubscription(orderId: string, templateId: string): Promise<void>
}

export function createProfileApi(http: HttpClient, upload: { uploader: Uploader; baseUrl: string; token: () => string | null }): ProfileApi {
  return {
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
    deleteSubscription: async (orderId, templateId) => {
      const path = `/api/me/subscriptions/${encodeURIComponent(orderId)}/${encodeURIComponent(templateId)}`
      await http.request({ method: 'DELETE', path }, isNoContent)
    },
  }
}
