/**
 * A double tap that waited on the member's row lock (PostgreSQL: real concurrent transactions;
 * PGlite runs one at a time, so the race cannot happen there). The waiting request must see the
 * order the first one committed while it waited, and answer with it, even when that order is the
 * member's last allowed unpaid one. This needs the idempotency key to be read by a statement that
 * starts after the lock is granted: in READ COMMITTED a statement that waited for a row lock re-reads
 * the locked row, but not the rows it joined from other tables.
 */
import type { Queryable } from '../src/db/database'
import { login } from './support/accounts'
import { appFor } from './support/describe-with-app'
import { orderRequest, placeOrder, postOrder } from './support/orders'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

/** Backends waiting, directly or through another waiter, on the backend `holder`. */
async function waitersOn(db: Queryable, holder: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `with recursive blocked(pid) as (
       select pid from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))
       union
       select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid))
     ) select count(*)::int as n from blocked`,
    [holder],
  )
  return row?.n ?? 0
}

for (const target of databaseTargets().filter((candidate) => candidate.name === 'postgres')) {
  describe(`a double tap that waited on the member's lock, on ${target.name}`, () => {
    const ctx = appFor(target, { orderPolicy: { payWindowMs: 15 * 60_000, maxUnpaidOrders: 2, maxUnpaidUnits: 100 } })

    test('gets the first order (200, same id), not the unpaid-order limit, and stock is taken once', async () => {
      const member = await login(ctx.app)
      await placeOrder(ctx.app, member.token) // one unpaid order: the double tap's order is the last allowed
      const request = orderRequest()
      let release = (): void => undefined
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      let holder = 0
      let locked = (): void => undefined
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve
      })
      // Another transaction holds the member's row, so both taps queue on it with the same key.
      const holding = ctx.db.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid from users where id = $1 for update', [member.user.id])
        holder = row?.pid ?? 0
        locked()
        await released
      })
      await isLocked
      let answered = 0
      const taps = [postOrder(ctx.app, member.token, request), postOrder(ctx.app, member.token, request)].map((tap) => tap.finally(() => (answered += 1)))
      // Polls the server's own lock table (no timing assumption): both taps must be queued before the release.
      try {
        while ((await waitersOn(ctx.db, holder)) < 2) {
          if (answered > 0) throw new Error('a tap answered without waiting for the lock')
          await new Promise((resolve) => setImmediate(resolve))
        }
      } finally {
        release()
        await holding
      }
      const answers = await Promise.all(taps)

      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 201])
      const [first, second] = answers.map((answer) => answer.json<{ id: string }>().id)
      expect(second).toBe(first)
      const [count] = await ctx.db.query<{ n: number }>('select count(*)::int as n from orders where user_id = $1 and idempotency_key = $2', [member.user.id, request.idempotencyKey])
      expect(count?.n).toBe(1)
    })
  })
}
