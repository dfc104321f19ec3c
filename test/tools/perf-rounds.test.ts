/**
 * The comparison behind the e2e "until visible" ratio (tools/perf/rounds.ts): rounds alternate
 * which build loads first, and the ratio is the median of per-round ratios with its range.
 */
import { crossRatio, formatEstimate, formatRatio, median, pairedRatios, roundOrder, spread } from '../../tools/perf/rounds'

describe('interleaved rounds', () => {
  it('rotates the load order every round, so no build always goes first', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(round, 2))).toEqual([[0, 1], [1, 0], [0, 1], [1, 0]])
    expect([0, 1, 2].map((round) => roundOrder(round, 3))).toEqual([[0, 1, 2], [1, 2, 0], [2, 0, 1]])
  })

  it('takes the median, for odd and even counts, and refuses no values', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow('median of no values')
  })

  it('compares each round with the same round of the baseline, not medians with medians', () => {
    // The machine got busier over the run: both builds slowed down together.
    const base = [100, 200, 400]
    const ours = [150, 260, 480]
    const ratio = pairedRatios(ours, base)
    expect(ratio.values).toEqual([1.5, 1.3, 1.2])
    expect(ratio).toMatchObject({ median: 1.3, min: 1.2, max: 1.5 })
    expect(formatRatio(ratio)).toBe('1.30× (1.20–1.50× over 3 rounds)')
    expect(() => pairedRatios([1, 2], [1])).toThrow('rounds of equal length')
  })

  it('reports the spread of the values it was given', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, values: [3, 1, 2] })
  })
})

describe('the ratio over all rounds (Hodges–Lehmann)', () => {
  it('is the median of every cross ratio, with the Mann–Whitney interval around it', () => {
    // 3 × 3 cross ratios: 1.2 1.5 2 | 0.6 0.75 1 | 2.4 3 4 → median 1.5; k = floor(4.5 − 1.96 · √5.25) = 0: the extremes.
    const ratio = crossRatio([120, 60, 240], [100, 80, 60])
    expect(ratio).toEqual({ estimate: 1.5, low: 0.6, high: 4, loads: 3 })
    expect(formatEstimate(ratio)).toBe('1.50× (95 % CI 0.60–4.00×, 3 loads each)')
    expect(() => crossRatio([], [1])).toThrow('loads of both builds')
  })

  it('narrows its interval with more loads and holds the true ratio', () => {
    // Two builds, 1.3× apart, each with the same spread of load times (a deterministic scatter).
    const scatter = (count: number) => Array.from({ length: count }, (_, index) => 500 * (1 + ((index * 7) % count) / count))
    const few = crossRatio(scatter(5).map((value) => value * 1.3), scatter(5))
    const many = crossRatio(scatter(15).map((value) => value * 1.3), scatter(15))
    for (const ratio of [few, many]) {
      expect(ratio.estimate).toBeCloseTo(1.3, 1)
      expect(ratio.low).toBeLessThan(1.3)
      expect(ratio.high).toBeGreaterThan(1.3)
    }
    expect(many.high - many.low).toBeLessThan(few.high - few.low)
  })

  it('barely moves when one load of the run was disturbed', () => {
    // A/A: the same times, one round disturbed (the baseline load of round 0 took twice as long).
    const ours = [500, 520, 540, 560, 580]
    const base = [1000, 520, 540, 560, 580]
    expect(crossRatio(ours, base).estimate).toBeCloseTo(1, 1)
  })
})
