/**
 * Interleaved rounds for comparing page loads on a shared, noisy machine: each round loads every
 * build once, in an order that rotates from round to round (so neither build always goes first,
 * into a quieter or busier moment). The comparison is the Hodges–Lehmann ratio over all loads
 * (crossRatio) with its confidence interval; the per-round ratios show the spread. Pure functions:
 * the browser part is in h5-load.ts.
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

/**
 * How many times `ours` takes `base`'s time, as the Hodges–Lehmann estimate: the median of every
 * cross ratio ours[i] / base[j] (n × m ratios), with its distribution-free confidence interval
 * (the Mann–Whitney order statistics, normal approximation). On this shared machine the noise is
 * per load, not per round (two builds' loads in the same round correlated at r = −0.2 to 0.5
 * in log time over three runs), so pairing each round with itself uses n of the n × n comparisons: over subsets of one
 * run this estimate moved as little as the median of paired ratios or less (docs/performance.md).
 * The loads still come from the same interleaved rounds, so a busier or quieter stretch of the
 * run falls on both builds alike.
 */
export interface RatioEstimate {
  estimate: number
  /** Confidence interval of the estimate (95 %). */
  low: number
  high: number
  /** Loads per build. */
  loads: number
}

/** Two-sided 95 % normal quantile. */
const Z_95 = 1.959964

export function crossRatio(ours: readonly number[], base: readonly number[]): RatioEstimate {
  const n = ours.length
  const m = base.length
  if (n === 0 || m === 0) throw new Error(`cross ratios need loads of both builds, got ${n} and ${m}`)
  const ratios = ours.flatMap((value) => base.map((baseValue) => value / baseValue)).sort((a, b) => a - b)
  // The k-th smallest and k-th largest cross ratio bound the estimate (Mann–Whitney U's critical value).
  const k = Math.max(0, Math.floor((n * m) / 2 - Z_95 * Math.sqrt((n * m * (n + m + 1)) / 12)))
  return { estimate: median(ratios), low: ratios[k] as number, high: ratios[ratios.length - 1 - k] as number, loads: n }
}

/** "1.32× (95 % CI 1.21–1.45×, 15 loads each)" */
export function formatEstimate(ratio: RatioEstimate): string {
  return `${ratio.estimate.toFixed(2)}× (95 % CI ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}×, ${ratio.loads} loads each)`
}

/** "1.32× (1.10–1.61× over 7 rounds)" */
export function formatRatio(ratio: Spread): string {
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}× over ${ratio.values.length} rounds)`
}
