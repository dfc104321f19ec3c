/**
 * `npm run abuse` in small: the same attacks with bounded counts against a throwaway server on
 * loopback (real HTTP, port 0). Every limit must engage and nothing may answer 5xx; the same run
 * against a server without rate limits must be reported as failing.
 */
import { runAbuse, SHORT_SIZES, type AbuseReport, type AttackRow } from '../scripts/abuse/attacks'
import { loopbackUrl } from '../scripts/abuse/loopback'
import { startThrowawayServer } from '../scripts/abuse/throwaway-server'
import { unlimited, type LimitSettings } from '../src/limits/rate-limits'
import { DEFAULT_ORDER_POLICY } from '../src/orders/place-order'
import { databaseTargets } from './support/test-databases'

const [pglite] = databaseTargets()

async function attackThrowaway(rateLimits?: LimitSettings): Promise<AbuseReport> {
  if (!pglite) throw new Error('PGlite target missing')
  const { db, dispose } = await pglite.openSeeded()
  const server = await startThrowawayServer(db, rateLimits)
  try {
    return await runAbuse(server.url, SHORT_SIZES, server.push)
  } finally {
    await server.app.close()
    await dispose()
  }
}

const row = (report: AbuseReport, attack: string): AttackRow => {
  const found = report.rows.find((candidate) => candidate.attack === attack)
  if (!found) throw new Error(`no row for ${attack}`)
  return found
}

test('the target must be http on loopback: anything else is refused before a request', () => {
  expect(loopbackUrl('http://127.0.0.1:3030/')).toBe('http://127.0.0.1:3030')
  expect(loopbackUrl('http://localhost:8080')).toBe('http://localhost:8080')
  expect(loopbackUrl('http://[::1]:3030')).toBe('http://[::1]:3030')
  for (const target of ['http://example.com', 'http://10.0.0.5:3030', 'https://127.0.0.1:3030', 'http://127.0.0.1.example.com', 'http://0.0.0.0:3030', 'not a url']) {
    expect(() => loopbackUrl(target)).toThrow(/refusing|not a URL/)
  }
})

test('a short run against a throwaway server: every limit engages, no 5xx, the attacker holds at most the unit cap', async () => {
  const report = await attackThrowaway()
  expect(report.problems).toEqual([])
  expect(report.rows.map((r) => r.serverErrors)).toEqual(report.rows.map(() => 0))
  expect(row(report, 'sessions per user').outcome).toMatch(/^5 of 7 sessions still live/)
  expect(row(report, 'logins per IP').limited).toBeGreaterThan(0)
  expect(row(report, 'phone-number requests')).toMatchObject({ allowed: 5, limited: SHORT_SIZES.phoneCalls - 5 })
  expect(row(report, 'order creation / stock hoarding').limited).toBeGreaterThan(0)
  expect(report.heldUnits).toBe(DEFAULT_ORDER_POLICY.maxUnpaidUnits)
  expect(report.seededUnits).toBeGreaterThan(5000)
  expect(row(report, 'avatar uploads')).toMatchObject({ allowed: 10, limited: SHORT_SIZES.avatarUploads - 10 })
  // The one genuine push goes through; every replay, swapped body and 2017 timestamp is refused.
  expect(row(report, 'push replays')).toMatchObject({ allowed: 1, otherClientErrors: SHORT_SIZES.pushReplays })
  const slow = row(report, 'half-open slow connections')
  expect(slow.allowed).toBe(slow.attempted)
  expect(slow.outcome).toContain(`${SHORT_SIZES.slowConnections} half-sent requests held`)
}, 180_000)

test('the same run against a server without rate limits fails, naming each limit that did not engage', async () => {
  const report = await attackThrowaway(unlimited())
  expect(report.problems.join('\n')).toMatch(/logins per IP: .* none limited/)
  expect(report.problems.join('\n')).toMatch(/phone-number requests: 7 billed phone-number calls, none limited/)
  expect(report.problems.join('\n')).toMatch(/avatar uploads: 11 avatar uploads, none limited/)
  expect(report.problems.join('\n')).toMatch(/order creation \/ stock hoarding: 11 orders, none rate-limited/)
}, 180_000)
