import type { Device } from './device'

/**
 * wx.request and wx.uploadFile sent over real HTTP. The package calls the API base it was built
 * with (TARO_APP_API_BASE); like a hosts entry, that origin is mapped to the test backend. Any
 * other origin fails as WeChat fails a domain that is not configured ("url not in domain list").
 */
type Callbacks = { success?: (result: unknown) => void; fail?: (failure: { errMsg: string }) => void; complete?: (result: unknown) => void }
type RequestOptions = Callbacks & { url?: string; method?: string; data?: unknown; header?: Record<string, unknown>; dataType?: string }
type UploadOptions = Callbacks & { url?: string; filePath?: string; name?: string; formData?: Record<string, unknown>; header?: Record<string, unknown> }

export interface NetworkContext {
  apiOrigin: string
  backendUrl(): string
  device: Device
  /** JSON.parse of the package's realm, so parsed objects carry its prototypes. */
  parseJson(text: string): unknown
  onRequest(entry: { method: string; path: string; status: number }): void
}

/** WeChat sends header names as given; a server sees one value per name (the app's wins). */
function normaliseHeaders(header: Record<string, unknown> | undefined, defaults: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = { ...defaults }
  for (const [name, value] of Object.entries(header ?? {})) {
    if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value)
  }
  return result
}

export class Network {
  private inFlight = 0
  private readonly waiters: (() => void)[] = []

  constructor(private readonly ctx: NetworkContext) {}

  get pending(): number {
    return this.inFlight
  }

  /** Resolves when no request is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve))
  }

  private target(api: string, url: string | undefined): URL | { errMsg: string } {
    if (!url || !url.startsWith(this.ctx.apiOrigin)) return { errMsg: `${api}:fail url not in domain list: ${url ?? ''}` }
    return new URL(this.ctx.backendUrl() + url.slice(this.ctx.apiOrigin.length))
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight += 1
    return work.finally(() => {
      this.inFlight -= 1
      if (this.inFlight === 0) this.waiters.splice(0).forEach((resolve) => resolve())
    })
  }

  /** Runs `work` as one tracked call and reports its result through success/fail/complete. */
  private deliver(api: string, options: Callbacks, work: () => Promise<unknown>): void {
    void this.track(work()).then(
      (result) => {
        options.success?.(result)
        options.complete?.(result)
      },
      (error: unknown) => {
        const failure = { errMsg: typeof error === 'object' && error && 'errMsg' in error ? String(error.errMsg) : `${api}:fail ${String(error)}` }
        options.fail?.(failure)
        options.complete?.(failure)
      },
    )
  }

  request(options: RequestOptions): { abort(): void } {
    const controller = new AbortController()
    const target = this.target('request', options.url)
    const method = (options.method ?? 'GET').toUpperCase()
    this.deliver('request', options, async () => {
      if (!(target instanceof URL)) throw target
      const headers = normaliseHeaders(options.header, { 'content-type': 'application/json' })
      let body: string | undefined
      if (method === 'GET' && options.data && typeof options.data === 'object') {
        for (const [key, value] of Object.entries(options.data)) if (value !== undefined) target.searchParams.set(key, String(value))
      } else if (options.data !== undefined && method !== 'GET') {
        body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
      }
      const response = await fetch(target, { method, headers, body, signal: controller.signal })
      const text = await response.text()
      this.ctx.onRequest({ method, path: target.pathname + target.search, status: response.status })
      let data: unknown = text
      if ((options.dataType ?? 'json') === 'json') {
        try {
          data = this.ctx.parseJson(text)
        } catch {
          // WeChat hands over the raw text when it is not JSON.
        }
      }
      const header: Record<string, string> = {}
      response.headers.forEach((value, name) => (header[name] = value))
      return { data, statusCode: response.status, header, errMsg: 'request:ok' }
    })
    return { abort: () => controller.abort() }
  }

  uploadFile(options: UploadOptions): { abort(): void } {
    const controller = new AbortController()
    const target = this.target('uploadFile', options.url)
    this.deliver('uploadFile', options, async () => {
      if (!(target instanceof URL)) throw target
      const form = new FormData()
      for (const [key, value] of Object.entries(options.formData ?? {})) form.append(key, String(value))
      const bytes = this.ctx.device.readTempFile(options.filePath ?? '')
      form.append(options.name ?? 'file', new Blob([new Uint8Array(bytes)]), (options.filePath ?? 'file').replace(/^wxfile:\/\//, ''))
      const headers = normaliseHeaders(options.header, {})
      delete headers['content-type']
      const response = await fetch(target, { method: 'POST', headers, body: form, signal: controller.signal })
      const text = await response.text()
      this.ctx.onRequest({ method: 'POST', path: target.pathname, status: response.status })
      return { data: text, statusCode: response.status, errMsg: 'uploadFile:ok' }
    })
    return { abort: () => controller.abort() }
  }
}
