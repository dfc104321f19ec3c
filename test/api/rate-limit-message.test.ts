import { ApiError, createHttpClient } from '@/services/api/http'

const isAny = (value: unknown): value is unknown => value !== undefined

describe('429 from the server', () => {
  it('shows the server’s calm Chinese message, which says how long to wait', async () => {
    const http = createHttpClient({
      baseUrl: 'http://api.test',
      transport: async () => ({ status: 429, data: { error: { code: 'TOO_MANY_REQUESTS', message: '下单太频繁，请 5 分钟后再试' } }, header: { 'retry-after': '300' } }),
    })
    const error = await http.get('/api/orders', {}, isAny).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe('下单太频繁，请 5 分钟后再试')
  })

  it('a 429 without our error body still gets a calm default', async () => {
    const http = createHttpClient({ baseUrl: 'http://api.test', transport: async () => ({ status: 429, data: 'slow down' }) })
    const error = await http.get('/api/orders', {}, isAny).catch((caught: unknown) => caught)
    expect((error as ApiError).message).toBe('访问太频繁，请稍后再试')
  })
})
