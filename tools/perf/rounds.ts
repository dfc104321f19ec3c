/**
 * Interleaved rounds for comparing page loads on a shared, noisy machine: each round loads every
 * build once, in an order that rotates from round to round (so neither build always goes first,
 * into a quieter or busier moment), and the comparison is the median of the per-round ratios,
 * reported with its spread. Pure functions: the browser part is in h5-load.ts.
 */

/** The order in which round `round` loads `count` builds: 0 1 2 …, then 1 2 … 0, and so on. */
export function roundOrder(round: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => (index + round) % count)
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export interface Spread {
  median: number
  min: number
  max: number
  /** Every round's value, in round order. */
  values: number[]
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values: [...values] }
}

/** Per-round ratios `ours[i] / base[i]` (same round, so the same moment of the machine). */
export function pairedRatios(ours: readonly number[], base: readonly number[]): Spread {
  if (ours.length !== base.length || ours.length === 0) throw new Error(`paired ratios need rounds of equal length, got ${ours.length} and ${base.length}`)
  return spread(ours.map((value, index) => value / (base[index] as number)))
}

/** "1.32× (1.10–1.61× over 7 rounds)" */
export function formatRatio(ratio: Spread): string {
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}× over ${ratio.values.length} rounds)`
}
