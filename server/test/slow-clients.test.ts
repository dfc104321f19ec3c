import { connect, type Socket , AddressInfo } from 'node:net'
import { DEFAULT_CONNECTION_LIMITS } from '../src/app'
import { pgliteTarget, appFor } from './support/describe-with-app'

const SLOW = 200

describe('slow clients', () => {
  let port = 0
  const sockets: Socket[] = []
  afterAll(() => {
    for (const socket of sockets) socket.destroy() // before the app closes (afterAll hooks run in order)
  })
  const ctx = appFor(pgliteTarget(), { connectionLimits: { ...DEFAULT_CONNECTION_LIMITS, maxConnections: SLOW + 50 } })
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    port = (ctx.app.server.address() as AddressInfo).port
  })

  test('the server sets request, headers, keep-alive and connection timeouts and caps connections', () => {
    const server = ctx.app.server
    expect(server.requestTimeout).toBe(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs)
    expect(server.headersTimeout).toBe(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs)
    expect(server.keepAliveTimeout).toBe(DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs)
    expect(server.timeout).toBe(DEFAULT_CONNECTION_LIMITS.connectionTimeoutMs)
    expect(server.maxConnections).toBe(SLOW + 50)
  })

  test(`${SLOW} connections holding half-sent requests do not stop /api/health from answering`, async () => {
    await Promise.all(
      Array.from({ length: SLOW }, () =>
        new Promise<void>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ') // never finished
            resolve()
          })
          socket.on('error', reject)
          sockets.push(socket)
        }),
      ),
    )
    const response = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok' })
  })

  test('beyond maxConnections new sockets are closed at once rather than exhausting descriptors', async () => {
    const extra = Array.from({ length: 60 }, () => connect(port, '127.0.0.1'))
    sockets.push(...extra)
    // 200 slow + 1 fetch + 60 > 250: at least the 10 over the cap are closed by the server.
    let closed = 0
    await new Promise<void>((resolve) => {
      for (const socket of extra) {
        const done = () => {
          closed += 1
          if (closed === 10) resolve()
        }
        socket.on('close', done)
        socket.on('error', () => undefined)
      }
    })
    expect(closed).toBeGreaterThanOrEqual(10)
  })
})
