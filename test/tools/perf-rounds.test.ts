/**
 * The comparison behind the e2e "until visible" ratio (tools/perf/rounds.ts): rounds alternate
 * which build loads first, and the ratio is the median of per-round ratios with its range.
 */
import { formatRatio, median, pairedRatios, roundOrder, spread } from '../../tools/perf/rounds'

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
