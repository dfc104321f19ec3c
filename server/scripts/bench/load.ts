import autocannon from 'autocannon'

export interface LoadResult {
  /** Successful (2xx) answers per second. */
  perSecond: number
  /** Successful (2xx) answers in all. */
  requests: number
  p99Ms: number
  /** Answers by status code, e.g. { 200: 9120, 409: 12 }. */
  statuses: Record<string, number>
  errors: number
}

export interface LoadOptions {
  url: string
  connections: number
  seconds: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  requests?: autocannon.Request[]
}

/** One bounded autocannon run on loopback; never more than `seconds` of load. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url)
  if (url.hostname !== '127.0.0.1') throw new Error('the bench loads loopback servers only')
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: options.requests,
  })
  const statuses: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0
  return {
    perSecond: result['2xx'] / Math.max(result.duration, 0.001),
    requests: result['2xx'],
    p99Ms: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  }
}
