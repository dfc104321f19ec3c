import { Writable } from 'node:stream'
import pino from 'pino'
import type { FastifyBaseLogger } from 'fastify'
import { deferredRequestLoggers } from '../src/request-logger'

function logger(level: string): { parent: FastifyBaseLogger; lines: () => Record<string, unknown>[]; children: () => number } {
  const raw: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'))
      done()
    },
  })
  const parent = pino({ level }, stream)
  let children = 0
  const child = parent.child.bind(parent)
  parent.child = ((bindings, options) => {
    children += 1
    return child(bindings, options)
  }) as typeof parent.child
  return {
    parent,
    lines: () => raw.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    children: () => children,
  }
}

const requestLogger = (parent: FastifyBaseLogger, options = {}): FastifyBaseLogger =>
  deferredRequestLoggers(parent, { reqId: 'req-7' }, options)

describe('deferred request loggers', () => {
  test('a request that writes nothing at the level makes no child logger', () => {
    const { parent, lines, children } = logger('warn')
    const log = requestLogger(parent)
    log.info({ route: '/api/products/:id' }, 'request completed')
    log.debug('details')
    expect(children()).toBe(0)
    expect(lines()).toEqual([])
    expect(log.level).toBe('warn')
  })

  test('the first line at an enabled level makes the child once, with the request id bound', () => {
    const { parent, lines, children } = logger('warn')
    const log = requestLogger(parent)
    log.warn({ sqlState: '40001' }, 'database refused the request')
    log.error(new Error('boom'), 'request failed')
    expect(children()).toBe(1)
    expect(lines()).toMatchObject([
      { level: 40, reqId: 'req-7', sqlState: '40001', msg: 'database refused the request' },
      { level: 50, reqId: 'req-7', msg: 'request failed', err: { message: 'boom' } },
    ])
  })

  test('a route with its own level or serializers gets a real child at once', () => {
    const { parent, lines, children } = logger('warn')
    const log = requestLogger(parent, { level: 'info' })
    log.info('written at the route level')
    expect(children()).toBe(1)
    expect(lines()).toMatchObject([{ level: 30, reqId: 'req-7', msg: 'written at the route level' }])
  })

  test('a level set on the request logger applies to it alone', () => {
    const { parent, lines } = logger('warn')
    const log = requestLogger(parent)
    log.level = 'info'
    log.info('now written')
    expect(parent.level).toBe('warn')
    expect(lines()).toMatchObject([{ level: 30, reqId: 'req-7', msg: 'now written' }])
  })
})
