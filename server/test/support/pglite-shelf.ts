/**
 * The shelf of idle PGlite instances one Jest process keeps between test files (see pglite-pool.ts).
 *
 * An idle PGlite keeps a timer armed (PostgreSQL's statistics flush re-arms itself), so a process
 * holding one never exits on its own: Jest force-killed the worker ("failed to exit gracefully")
 * and a run in band (`npx jest one.test.ts`) hung after its summary. The shelf is therefore closed
 * when Jest is done with the process: a worker on its parent's end message, the main process (in
 * band) in the global teardown.
 */
import type { PGlite } from '@electric-sql/pglite'

declare global {
  /** This process's idle PGlite instances; undefined outside the test environments that make it. */
  var idlePglites: PGlite[] | undefined
}

/** jest-worker's "end" request from the parent (CHILD_MESSAGE_END, not exported by jest-worker). */
const WORKER_END_MESSAGE = 2

/** Closes every idle instance on the shelf. */
export async function closeShelf(): Promise<void> {
  const shelf = globalThis.idlePglites ?? []
  await Promise.all(shelf.splice(0).map((pg) => pg.close().catch(() => undefined)))
}

/** This process's shelf, made on first use; a worker process closes it when Jest ends the worker. */
export function processShelf(): PGlite[] {
  if (globalThis.idlePglites) return globalThis.idlePglites
  const shelf: PGlite[] = (globalThis.idlePglites = [])
  if (process.send) {
    // A 'message' listener keeps the parent channel open: remove it too, as jest-worker does its own.
    const onMessage = (message: unknown): void => {
      if (!Array.isArray(message) || message[0] !== WORKER_END_MESSAGE) return
      process.off('message', onMessage)
      void closeShelf()
    }
    process.on('message', onMessage)
  }
  return shelf
}
