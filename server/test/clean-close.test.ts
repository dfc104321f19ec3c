/**
 * Closing the app, then the database, with a request still running whose client has gone (a load
 * test stopping, a phone losing signal): app.close() waits for that handler, so the database is
 * closed after it and nothing fails ("Cannot use a pool after calling end on the pool" was logged by
 * the bench's PostgreSQL server before).
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { Database } from '../src/db/database'
import { InFlightRequests } from '../src/in-flight'
import { openCatalogApp } from './support/catalog-app'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

/** The database, except that the next query naming `products` waits until released. */
function gatedDatabase(db: Database) {
  let reached!: () => void
  const gateReached = new Promise<void>((resolve) => (reached = resolve))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const events: string[] = []
  let armed = true
  const gated: Database = {
    ...db,
    async query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      if (armed && /\bproducts\b/.test(sql)) {
        armed = false
        reached()
        await released
        const rows = await db.query<T>(sql, params)
        events.push('query done')
        return rows
      }
      return db.query<T>(sql, params)
    },
  }
  return { gated, gateReached, release, events }
}

const ticks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe.each(databaseTargets())('closing with a request still running on $name', (target) => {
  test('app.close() waits for the abandoned handler; the database closes after it, nothing is logged', async () => {
    const logged: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString())
        done()
      },
    })
    let gate!: ReturnType<typeof gatedDatabase>
    const ctx = await openCatalogApp(target, (db) => {
      gate = gatedDatabase(db)
      return { db: gate.gated, logger: { level: 'warn', stream } }
    })
    await ctx.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = ctx.app.server.address() as AddressInfo
    const listenerClosed = new Promise((resolve) => ctx.app.server.once('close', resolve))

    const client = httpRequest({ host: '127.0.0.1', port, path: '/api/products?page=1&pageSize=7' })
    client.on('error', () => undefined) // we hang up ourselves
    client.end()
    await gate.gateReached
    client.destroy()

    let closed = false
    const closing = ctx.app.close().then(() => {
      gate.events.push('app closed')
      closed = true
    })
    await listenerClosed // every connection is gone: before the drain, close() resolved about here
    await ticks(20)
    expect(closed).toBe(false)

    gate.release()
    await closing
    expect(gate.events).toEqual(['query done', 'app closed'])
    await ctx.close() // app (again: a no-op) then database
    expect(logged.join('')).not.toMatch(/"level":(50|60)/)
  })
})

describe('InFlightRequests', () => {
  afterEach(() => jest.useRealTimers())

  test('idle() resolves when the last running request finishes', async () => {
    const inFlight = new InFlightRequests()
    await expect(inFlight.idle(1000)).resolves.toBe(0)
    inFlight.started()
    inFlight.started()
    let done: number | null = null
    const waiting = inFlight.idle(60_000).then((left) => (done = left))
    inFlight.finished()
    await ticks(2)
    expect(done).toBeNull()
    inFlight.finished()
    await waiting
    expect(done).toBe(0)
  })

  test('a handler that never finishes holds close() for the timeout only, and is reported', async () => {
    jest.useFakeTimers()
    const inFlight = new InFlightRequests()
    inFlight.started()
    const waiting = inFlight.idle(30_000)
    jest.advanceTimersByTime(30_000)
    await expect(waiting).resolves.toBe(1)
  })
})
