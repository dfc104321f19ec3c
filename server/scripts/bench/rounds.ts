/**
 * How the bench turns rounds of load into a share of the ceiling, and when that share misses its
 * target. Pure functions: server/test/bench-rounds.test.ts checks them on made-up rounds.
 *
 * Why paired rounds (issue 13): on this shared 2-core machine the ceiling's rate moved by ±30%
 * between phases of one run (41–43k req/s while PGlite was measured, 33–34k during PostgreSQL,
 * with both apps at 19–23k), so one app figure divided by one ceiling figure taken minutes apart
 * measured the machine's moment as much as the app. Each endpoint is therefore measured as
 * ceiling, app, ceiling, app, …, ceiling: every app round sits between two ceiling rounds taken
 * seconds before and after it, and is compared with their mean. The share reported is the median
 * of those per-round shares, so one round hit by a neighbour's build cannot decide the verdict,
 * either way.
 */

export interface Round {
  /** Successful answers per second. */
  perSecond: number
  p99Ms: number
  /** Connection errors and timeouts. */
  errors: number
  /** Server CPU per successful answer, when the platform tells (Linux /proc); null elsewhere. */
  cpuUsPerRequest: number | null
}

/** ceiling[i] ran just before app[i] and ceiling[i + 1] just after it. */
export interface PairedRounds {
  app: readonly Round[]
  ceiling: readonly Round[]
}

export interface Summary {
  /** Median over app rounds of app ÷ mean of the two ceiling rounds around it. */
  share: number
  /** Each app round's share, in the order measured. */
  shares: number[]
  appPerSecond: number
  ceilingPerSecond: number
  appP99Ms: number
  ceilingP99Ms: number
  appCpuUs: number | null
  ceilingCpuUs: number | null
  errors: number
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null)
  return known.length === values.length && known.length > 0 ? median(known) : null
}

export function summarize({ app, ceiling }: PairedRounds): Summary {
  if (app.length === 0 || ceiling.length !== app.length + 1) {
    throw new Error(`expected ceiling rounds around every app round, got ${app.length} app and ${ceiling.length} ceiling rounds`)
  }
  const shares = app.map((round, i) => {
    const around = ((ceiling[i]?.perSecond ?? 0) + (ceiling[i + 1]?.perSecond ?? 0)) / 2
    return round.perSecond / Math.max(around, 1)
  })
  return {
    share: median(shares),
    shares,
    appPerSecond: median(app.map((round) => round.perSecond)),
    ceilingPerSecond: median(ceiling.map((round) => round.perSecond)),
    appP99Ms: median(app.map((round) => round.p99Ms)),
    ceilingP99Ms: median(ceiling.map((round) => round.p99Ms)),
    appCpuUs: medianOrNull(app.map((round) => round.cpuUsPerRequest)),
    ceilingCpuUs: medianOrNull(ceiling.map((round) => round.cpuUsPerRequest)),
    errors: app.reduce((sum, round) => sum + round.errors, 0),
  }
}

export interface Target {
  /** Minimum share of the ceiling. */
  share: number
  /** Maximum p99 of the app (median over rounds), or null when not checked (short rounds). */
  p99Ms: number | null
}

export const percent = (value: number): string => `${(value * 100).toFixed(1)}%`

/** What misses the target, one line each; empty when the measurement meets it. */
export function misses(name: string, summary: Summary, target: Target): string[] {
  const found: string[] = []
  if (summary.share < target.share) found.push(`${name}: ${percent(summary.share)} of the ceiling, target ${percent(target.share)}`)
  if (target.p99Ms !== null && summary.appP99Ms > target.p99Ms) found.push(`${name}: p99 ${summary.appP99Ms} ms, target ≤ ${target.p99Ms} ms`)
  if (summary.errors > 0) found.push(`${name}: ${summary.errors} connection errors or timeouts`)
  return found
}
