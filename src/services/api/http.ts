import Taro from '@tarojs/taro'
import { isApiErrorBody } from './generated/is-api-error-body'
import { buildUrl, type QueryValue } from './url'

export { buildUrl, type QueryValue } from './url'

/**
 * The typed request layer. It talks to an injected Transport (Taro.request in the app, a fake in
 * tests) and turns every failure into one ApiError, so pages only ever handle one error type.
 */

export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'malformed'

export interface ApiErrorInit {
  kind: ApiErrorKind
  status?: number
  code?: string
  /** User-facing, Simplified Chinese. Defaults from kind/status when omitted. */
  message?: string
  /** Developer-facing, English. */
  detail: string
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status?: number
  readonly code?: string
  readonly detail: string

  constructor(init: ApiErrorInit) {
    super(init.message ?? defaultMessage(init.kind, init.status, init.code))
    this.kind = init.kind
    this.status = init.status
    this.code = init.code
    this.detail = init.detail
  }

  /** Anything thrown below the UI becomes an ApiError; unknown throws are treated as bad data. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error
    const detail = error instanceof Error ? error.message : String(error)
    return new ApiError({ kind: 'malformed', detail: `Unexpected error: ${detail}` })
  }
}

/** User-facing wording for the server's error codes that a user can act on. */
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHORIZED: '登录已过期，请重新登录',
  WECHAT_INVALID_CODE: '登录凭证已失效，请重试',
  WECHAT_RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_RISKY_USER: '微信暂时无法完成登录，请稍后再试',
  WECHAT_BUSY: '微信服务繁忙，请稍后重试',
  PHONE_QUOTA_EXCEEDED: '暂时无法获取微信手机号，请手动填写',
  PRICE_CHANGED: '商品价格有变化，请确认后重新提交',
  OUT_OF_STOCK: '部分商品库存不足，请调整后重新提交',
  UNPAID_LIMIT: '待支付订单较多，请先支付或等待超时自动取消后再下单',
  UNPAID_UNITS_LIMIT: '待支付订单中的商品件数已达上限，请先支付或减少数量后再下单',
  ORDER_EXPIRED: '订单已超时取消，请重新下单',
  SERVICE_BUSY: '当前访问人数较多，请稍后重试',
  TOO_MANY_REQUESTS: '操作太频繁，请稍后再试',
}

function defaultMessage(kind: ApiErrorKind, status?: number, code?: string): string {
  if (code && CODE_MESSAGES[code]) return CODE_MESSAGES[code] as string
  switch (kind) {
    case 'network':
      return '网络不给力，请检查网络后重试'
    case 'timeout':
      return '请求超时，请稍后重试'
    case 'malformed':
      return '数据加载异常，请稍后重试'
    case 'http':
      if (status === 404) return '内容不存在或已下架'
      if (status === 429) return '访问太频繁，请稍后再试'
      if (status !== undefined && status >= 500) return '服务开小差了，请稍后重试'
      return '请求出错了，请稍后重试'
  }
}

/** A runtime check of a response body: the ones generated from the contract in ./generated/, or isNoContent. */
export type Guard<T> = (value: unknown) => value is T

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface TransportRequest {
  url: string
  method: HttpMethod
  timeoutMs: number
  /** JSON body for POST/PUT. */
  data?: unknown
  header?: Record<string, string>
}

export interface TransportResponse {
  status: number
  /** Parsed JSON when the body was JSON; whatever the platform produced otherwise. */
  data: unknown
  /** Response headers (any case), when the platform reports them. */
  header?: Readonly<Record<string, unknown>>
}

/** A transport resolves with any HTTP response (including 4xx/5xx) and rejects only when no response arrived. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

/** What a transport rejects with; any other rejection counts as a network failure. */
export class TransportError extends Error {
  override readonly name = 'TransportError'
  constructor(
    readonly reason: 'network' | 'timeout',
    detail: string,
  ) {
    super(detail)
  }
}

export interface RequestOptions {
  method: HttpMethod
  path: string
  query?: Record<string, QueryValue>
  body?: unknown
}

export interface HttpClient {
  get<T>(path: string, query: Record<string, QueryValue>, guard: Guard<T>): Promise<T>
  request<T>(options: RequestOptions, guard: Guard<T>): Promise<T>
}

/**
 * How the client authenticates. The session module supplies it, so this layer knows nothing of
 * storage: it sends the token and reports a 401 that answered a request which carried one.
 */
export interface AuthHooks {
  token(): string | null
  onUnauthorized(): void
  /** The server rotated the session token (WX-LOGIN-6): outlet this one and use it from now on. */
  onRotated?(token: string, expiresAt: string): void
}

/** The rotated session token and its expiry from a response, when the server sent one. */
export function rotatedSession(header: TransportResponse['header']): { token: string; expiresAt: string } | null {
  if (!header) return null
  const lower = new Map(Object.entries(header).map(([name, value]) => [name.toLowerCase(), value]))
  const token = lower.get('x-session-token')
  const expiresAt = lower.get('x-session-expires-at')
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token) || typeof expiresAt !== 'string') return null
  return Number.isNaN(Date.parse(expiresAt)) ? null : { token, expiresAt }
}

export interface HttpClientOptions {
  transport: Transport
  baseUrl: string
  timeoutMs?: number
  auth?: AuthHooks
}

/** For endpoints that answer 204 No Content (Taro reports the empty body as '' or undefined). */
export const isNoContent: Guard<null> = (value): value is null => value === '' || value === undefined || value === null

const DEFAULT_TIMEOUT_MS = 10_000

export function createHttpClient({ transport, baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS, auth }: HttpClientOptions): HttpClient {
  async function request<T>({ method, path, query = {}, body }: RequestOptions, guard: Guard<T>): Promise<T> {
    const url = buildUrl(baseUrl, path, query)
    const label = `${method} ${url}`
    const token = auth?.token() ?? null
    const header: Record<string, string> = {}
    if (token) header.Authorization = `Bearer ${token}`
    if (body !== undefined) header['Content-Type'] = 'application/json'

    let response: TransportResponse
    try {
      response = await transport({ url, method, timeoutMs, data: body, header })
    } catch (error) {
      if (error instanceof TransportError) throw new ApiError({ kind: error.reason, detail: `${label}: ${error.message}` })
      const detail = error instanceof Error ? error.message : String(error)
      throw new ApiError({ kind: 'network', detail: `${label}: ${detail}` })
    }

    const { status, data } = response
    const rotated = token ? rotatedSession(response.header) : null
    if (rotated) auth?.onRotated?.(rotated.token, rotated.expiresAt)
    if (status < 200 || status >= 300) {
      const errorBody = isApiErrorBody(data) ? data.error : null
      // An expired or revoked session: forget it, so the user is a visitor again (WX-LOGIN-3).
      if (status === 401 && token) auth?.onUnauthorized()
      throw new ApiError({
        kind: 'http',
        status,
        code: errorBody?.code,
        // A rate limit's own message says how long to wait (the server writes it in Chinese).
        message: status === 429 && errorBody?.code === 'TOO_MANY_REQUESTS' ? errorBody.message : undefined,
        detail: `${label} -> HTTP ${status}${errorBody ? ` ${errorBody.code}: ${errorBody.message}` : ' (no error body)'}`,
      })
    }
    if (!guard(data)) throw new ApiError({ kind: 'malformed', status, detail: `${label} -> body does not match the expected shape` })
    return data
  }

  return {
    request,
    get: (path, query, guard) => request({ method: 'GET', path, query }, guard),
  }
}

/** Taro reports failures as { errMsg }; the H5 implementation rejects with an Error (AbortError on timeout). */
function describeFailure(error: unknown): { reason: 'network' | 'timeout'; detail: string } {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {}
  const errMsg = typeof record.errMsg === 'string' ? record.errMsg : ''
  const message = typeof record.message === 'string' ? record.message : ''
  const name = typeof record.name === 'string' ? record.name : ''
  const detail = errMsg || message || String(error)
  const timedOut = /time ?out|timed out/i.test(detail) || name === 'AbortError'
  return { reason: timedOut ? 'timeout' : 'network', detail }
}

type TaroRequestData = string | TaroGeneral.IAnyObject | ArrayBuffer | undefined

/** Uploads a local file (a chooseAvatar temp path, or an H5 blob URL) as multipart. */
export type Uploader = (request: { url: string; filePath: string; name: string; header: Record<string, string> }) => Promise<{ status: number; data: unknown }>

/** The app's transport: Taro.request, which maps to wx.request on weapp and fetch on H5. */
export const taroTransport: Transport = async ({ url, method, timeoutMs, data, header }) => {
  try {
    const res = await Taro.request<unknown>({ url, method, timeout: timeoutMs, dataType: 'json', data: data as TaroRequestData, header })
    return { status: res.statusCode, data: res.data, header: res.header as Record<string, unknown> | undefined }
  } catch (error) {
    const { reason, detail } = describeFailure(error)
    throw new TransportError(reason, detail)
  }
}
