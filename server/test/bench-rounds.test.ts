/**
 * The bench's verdict (server/scripts/bench/rounds.ts): an app round is compared with the ceiling
 * rounds around it, the median share decides, and a slower app fails. `npm run bench -- --self-check`
 * shows the same on real servers (an app spinning 250 µs per request is reported under target).
 */
import { misses, summarize, type Round } from '../scripts/bench/rounds'

const round = (perSecond: number, p99Ms = 5): Round => ({ perSecond, p99Ms, errors: 0, cpuUsPerRequest: null })
const ceiling = (...rates: number[]): Round[] => rates.map((rate) => round(rate))
const target = { share: 0.5, p99Ms: 50 }

describe('bench rounds', () => {
  test('each app round is divided by the mean of the ceiling rounds before and after it; the median decides', () => {
    const summary = summarize({ app: [round(6000), round(9000), round(8000)], ceiling: ceiling(10_000, 14_000, 16_000, 16_000) })
    expect(summary.shares.map((share) => Number(share.toFixed(3)))).toEqual([0.5, 0.6, 0.5])
    expect(summary.share).toBeCloseTo(0.5)
    expect(misses('x', summary, target)).toEqual([])
  })

  test('a ceiling that drifts between phases does not move the share: the pairs move with it', () => {
    const quiet = summarize({ app: [round(21_000), round(21_000)], ceiling: ceiling(42_000, 42_000, 42_000) })
    const busy = summarize({ app: [round(16_000), round(16_000)], ceiling: ceiling(32_000, 32_000, 32_000) })
    expect(quiet.share).toBeCloseTo(busy.share)
  })

  test('a slower app fails: same ceiling, a third of the rate', () => {
    const fast = summarize({ app: [round(9000), round(9000), round(9000)], ceiling: ceiling(15_000, 15_000, 15_000, 15_000) })
    const slow = summarize({ app: [round(3000), round(3000), round(3000)], ceiling: ceiling(15_000, 15_000, 15_000, 15_000) })
    expect(misses('fast', fast, target)).toEqual([])
    expect(misses('slow', slow, target)).toEqual(['slow: 20.0% of the ceiling, target 50.0%'])
  })

  test('one lucky round does not pass a slow app, one unlucky round does not fail a fast one', () => {
    const slowWithLuck = summarize({ app: [round(3000), round(12_000), round(3000)], ceiling: ceiling(15_000, 15_000, 15_000, 15_000) })
    const fastWithBadLuck = summarize({ app: [round(9000), round(1000), round(9000)], ceiling: ceiling(15_000, 15_000, 15_000, 15_000) })
    expect(misses('slow', slowWithLuck, target)).not.toEqual([])
    expect(misses('fast', fastWithBadLuck, target)).toEqual([])
  })

  test('p99 over target and connection errors are misses too; p99 is skipped when not checked', () => {
    const summary = summarize({ app: [{ ...round(9000, 80), errors: 3 }], ceiling: ceiling(10_000, 10_000) })
    expect(misses('x', summary, target)).toEqual(['x: p99 80 ms, target ≤ 50 ms', 'x: 3 connection errors or timeouts'])
    expect(misses('x', summary, { share: 0.5, p99Ms: null })).toEqual(['x: 3 connection errors or timeouts'])
  })

  test('rounds that are not interleaved C A C … C are refused', () => {
    expect(() => summarize({ app: [round(1), round(1)], ceiling: ceiling(1, 1) })).toThrow(/ceiling rounds around every app round/)
  })
})
