import { Writable } from 'node:stream'
import { pgliteTarget, appFor } from './support/describe-with-app'
import { get } from './support/http'

interface LogLine {
  msg?: string
  method?: string
  route?: string
  statusCode?: number
  responseTimeMs?: number
}

const raw: string[] = []
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    raw.push(chunk.toString('utf8'))
    done()
  },
})
const ctx = appFor(pgliteTarget(), { logger: { level: 'info', stream } })

const lines = (): LogLine[] =>
  raw
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine)

test('each request logs method, route pattern, status and response time', async () => {
  await get(ctx.app, '/api/products/p001')
  const line = lines().find((entry) => entry.msg === 'request completed' && entry.route === '/api/products/:id')
  expect(line).toMatchObject({ method: 'GET', route: '/api/products/:id', statusCode: 200 })
  expect(typeof line?.responseTimeMs).toBe('number')
})

test('query strings and path values never reach the log', async () => {
  await get(ctx.app, '/api/search?q=13800138000')
  await get(ctx.app, '/api/products?categoryId=fruit&page=zz-secret')
  await get(ctx.app, '/api/unknown-13900139000?token=abc')
  const text = raw.join('')
  expect(text).not.toContain('13800138000')
  expect(text).not.toContain('13900139000')
  expect(text).not.toContain('zz-secret')
  expect(text).not.toContain('token=abc')
  expect(text).not.toContain('p001')
  expect(lines().some((entry) => entry.route === '/api/search' && entry.statusCode === 200)).toBe(true)
  expect(lines().some((entry) => entry.route === '(no route)' && entry.statusCode === 404)).toBe(true)
})
