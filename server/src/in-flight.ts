/**
 * Requests whose handlers are still running. app.close() resolves once the listener is closed and
 * its connections are gone, but a request whose client went away (a load test stopping, a phone
 * losing signal) keeps running its handler after that: closing the database then would fail it
 * mid-transaction ("Cannot use a pool after calling end on the pool"). buildApp waits for this set
 * to empty in its onClose hook, so closing the app before the database is always the right order.
 */
export class InFlightRequests {
  #running = 0
  #waiters: (() => void)[] = []

  get running(): number {
    return this.#running
  }

  started(): void {
    this.#running += 1
  }

  finished(): void {
    this.#running -= 1
    if (this.#running === 0) for (const wake of this.#waiters.splice(0)) wake()
  }

  /** Resolves when nothing runs, or after timeoutMs with the number still running (a stuck handler must not hold shutdown forever). */
  idle(timeoutMs: number): Promise<number> {
    if (this.#running === 0) return Promise.resolve(0)
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        resolve(0)
      }
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== wake)
        resolve(this.#running)
      }, timeoutMs)
      this.#waiters.push(wake)
    })
  }
}
