import type { Database } from '../db/database'
import { transactionWithRetry } from '../db/pg-errors'
import type { Clock } from '../time'
import { cancelOverdueOrders } from './stock-release'

/** Orders cancelled per transaction: short transactions, so a sweep never holds many locks. */
const SWEEP_BATCH = 100

/**
 * Cancels every overdue unpaid order and releases its stock, batch by batch. Safe to run in
 * several server processes at once on one PostgreSQL: each batch claims its orders with
 * FOR UPDATE SKIP LOCKED and a guarded UPDATE, so every order is released exactly once.
 * Returns how many orders this call cancelled.
 */
export async function sweepOverdueOrders(db: Database, now: Date): Promise<number> {
  let total = 0
  for (;;) {
    const ids = await transactionWithRetry(db, (tx) => cancelOverdueOrders(tx, now, { userId: null, limit: SWEEP_BATCH }))
    total += ids.length
    if (ids.length < SWEEP_BATCH) return total
  }
}

export interface Sweeper {
  stop(): Promise<void>
}

/**
 * Runs `task` every `everyMs` (never overlapping itself) until stopped; failures are reported and
 * the next run tries again. The timer does not keep the process alive.
 */
export function every(everyMs: number, task: () => Promise<void>, onError: (error: unknown) => void): Sweeper {
  let running: Promise<void> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = task()
      .catch(onError)
      .finally(() => {
        running = null
      })
  }, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}

export function startExpirySweeper(db: Database, now: Clock, everyMs: number, onError: (error: unknown) => void): Sweeper {
  return every(everyMs, async () => {
    await sweepOverdueOrders(db, now())
  }, onError)
}
