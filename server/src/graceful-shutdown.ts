import type { FastifyInstance } from 'fastify'
import type { Lifecycle } from './lifecycle'

export interface ShutdownSettings {
  /** SHUTDOWN_DELAY_SECONDS: how long /api/ready answers 503 before the listener closes (load balancers notice). */
  delayMs: number
  /** SHUTDOWN_TIMEOUT_SECONDS: how long in-flight requests may take to finish before their connections are cut. */
  drainTimeoutMs: number
}

export const DEFAULT_SHUTDOWN: ShutdownSettings = { delayMs: 0, drainTimeoutMs: 10_000 }

export type ShutdownOutcome = 'drained' | 'cut'

/**
 * Stops the server in order: not ready → (delay) → stop accepting connections → let in-flight
 * requests finish, at most drainTimeoutMs → release (the sweeper, then the database). Requests
 * that arrive on kept-alive connections meanwhile get 503 (see buildApp). Resolves to 'cut' when
 * connections had to be closed under running requests.
 */
export async function shutDown(
  app: FastifyInstance,
  lifecycle: Lifecycle,
  settings: ShutdownSettings,
  release: () => Promise<void>,
): Promise<ShutdownOutcome> {
  lifecycle.stop()
  if (settings.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.delayMs))
  lifecycle.close()
  let outcome: ShutdownOutcome = 'drained'
  const cut = setTimeout(() => {
    outcome = 'cut'
    app.log.warn({ drainTimeoutMs: settings.drainTimeoutMs }, 'requests still running after the drain time; closing their connections')
    app.server.closeAllConnections()
  }, settings.drainTimeoutMs)
  try {
    await app.close()
  } finally {
    clearTimeout(cut)
  }
  await release()
  return outcome
}
