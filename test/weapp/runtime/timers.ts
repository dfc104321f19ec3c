/**
 * The package's timers on a virtual clock, so no test waits for wall time and none races it.
 * `settle()` in the runtime lets virtual time pass while a timer is due within SETTLE_HORIZON_MS
 * (renders, debounces, short animations); longer ones (toasts, the 10 s re-prompt window) run only
 * when a test calls `advance(ms)`.
 */
export const SETTLE_HORIZON_MS = 1000

interface Timer {
  id: number
  at: number
  seq: number
  callback: () => void
  interval: number | null
}

export class VirtualTimers {
  private nowMs = 0
  private nextId = 1
  private seq = 0
  private readonly timers = new Map<number, Timer>()

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Virtual milliseconds since launch. */
  now(): number {
    return this.nowMs
  }

  schedule(callback: () => void, delay: number): number {
    const id = this.nextId++
    this.timers.set(id, { id, at: this.nowMs + delay, seq: this.seq++, callback, interval: null })
    return id
  }

  /** setTimeout / setInterval / clearTimeout / clearInterval for the package's realm. */
  globals(): Record<string, unknown> {
    const add = (callback: unknown, delay: unknown, args: unknown[], interval: boolean): number => {
      if (typeof callback !== 'function') throw new TypeError('setTimeout: callback is not a function')
      const ms = Math.max(0, Number(delay) || 0)
      const id = this.schedule(() => callback(...args), ms)
      if (interval) Object.assign(this.timers.get(id) as Timer, { interval: Math.max(1, ms) })
      return id
    }
    const clear = (id: unknown) => {
      this.timers.delete(Number(id))
    }
    return {
      setTimeout: (callback: unknown, delay?: unknown, ...args: unknown[]) => add(callback, delay, args, false),
      setInterval: (callback: unknown, delay?: unknown, ...args: unknown[]) => add(callback, delay, args, true),
      clearTimeout: clear,
      clearInterval: clear,
    }
  }

  /** The next due timer's time, if any. */
  nextDue(): number | null {
    let next: number | null = null
    for (const timer of this.timers.values()) if (next === null || timer.at < next) next = timer.at
    return next
  }

  /** Runs the earliest timer due at or before `limit`, moving the clock to it. Returns false if none. */
  runNext(limit: number): boolean {
    let due: Timer | null = null
    for (const timer of this.timers.values()) {
      if (timer.at <= limit && (due === null || timer.at < due.at || (timer.at === due.at && timer.seq < due.seq))) due = timer
    }
    if (!due) return false
    this.nowMs = Math.max(this.nowMs, due.at)
    if (due.interval === null) this.timers.delete(due.id)
    else Object.assign(due, { at: due.at + due.interval, seq: this.seq++ })
    try {
      due.callback()
    } catch (error) {
      this.onError(error)
    }
    return true
  }

  /** Moves the clock forward (a test saying "the user waits `ms`"); due timers run in `settle`. */
  moveTo(ms: number): void {
    this.nowMs = Math.max(this.nowMs, ms)
  }

  clearAll(): void {
    this.timers.clear()
  }
}
