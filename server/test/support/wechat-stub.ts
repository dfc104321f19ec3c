import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  method: string
  path: string
  query: Record<string, string>
  body: Record<string, unknown> | null
}

/** What a handler answers: a JSON body (status 200) or full control. */
export type StubAnswer = Record<string, unknown> | { status: number; raw: string; delayMs?: number }
export type StubHandler = (request: StubRequest) => StubAnswer | Promise<StubAnswer>

/**
 * A local stand-in for api.weixin.qq.com on 127.0.0.1 (random port): handlers per path answer
 * the documented JSON shapes; every request is recorded for assertions.
 */
export class WeChatStub {
  readonly requests: StubRequest[] = []
  private readonly handlers = new Map<string, StubHandler>()
  private server: Server | null = null
  private sockets = new Set<import('node:net').Socket>()

  on(path: string, handler: StubHandler): this {
    this.handlers.set(path, handler)
    return this
  }

  requestsTo(path: string): StubRequest[] {
    return this.requests.filter((request) => request.path === path)
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void this.handle(req, res)
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.server = server
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://stub')
    const raw = Buffer.concat(chunks).toString('utf8')
    const request: StubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : null,
    }
    this.requests.push(request)
    const handler = this.handlers.get(url.pathname)
    const answer: StubAnswer = handler ? await handler(request) : { status: 404, raw: 'no handler' }
    if ('raw' in answer && typeof answer.status === 'number') {
      const delayMs = typeof answer.delayMs === 'number' ? answer.delayMs : 0
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
      res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.raw)
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
  }
}
