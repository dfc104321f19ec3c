import type { Database, Queryable } from './database'

/** The SQLSTATE of a PostgreSQL error (pg and PGlite both set `code`), or undefined. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const { code } = error
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

/** Deadlock detected, serialization failure: the transaction lost a race and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001'])

export const isRetryable = (error: unknown): boolean => RETRYABLE.has(sqlState(error) ?? '')

/** Attempts in all (the first run included) before a lost race becomes 503 SERVICE_BUSY. */
export const TRANSACTION_ATTEMPTS = 4

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs fn in a transaction, again (up to TRANSACTION_ATTEMPTS in all) when PostgreSQL aborted it
 * as a deadlock victim or a serialization failure, after a short random pause so the two
 * contenders do not collide again. The last failure is rethrown; the error handler turns it into
 * 503 SERVICE_BUSY, never 500.
 */
export async function transactionWithRetry<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn)
    } catch (error) {
      if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error
      await pause(5 * attempt + Math.random() * 20)
    }
  }
}
