/**
 * What happens between navigation and "visible" on an H5 build, one cold load at a time:
 * every resource (start → end, ms from navigation), the first paint, the time the selector became
 * visible, and, with --profile, the JS self time per script from a CDP CPU profile.
 *
 *   npx tsx tools/perf/h5-timeline.ts [dist-h5] [.product-card] [--runs 3] [--profile]
 *
 * A diagnosis tool (docs/performance.md says what it found), not a check.
 */
import path from 'node:path'
import { launchChromium, PHONE_VIEWPORT } from '../browser/chromium'
import { startBackend } from '../serve/backend'
import { firstVisibleScript } from './first-visible'

interface Profile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>
  samples: number[]
  timeDeltas: number[]
}

function selfTimeByScript(profile: Profile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const totals = new Map<string, number>()
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const frame = node?.callFrame as { url: string; functionName: string; lineNumber?: number; columnNumber?: number } | undefined
    const url = frame?.url ? new URL(frame.url).pathname : `(${frame?.functionName ?? '?'})`
    const key = process.env.BY_FUNCTION && frame?.url ? `${url}:${frame.lineNumber}:${frame.columnNumber} ${frame.functionName}` : url
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
  })
  return [...totals.entries()].sort((a, b) => b[1] - a[1])
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flag = (name: string) => args.includes(name)
  const option = (name: string, fallback: string) => {
    const index = args.indexOf(name)
    return index >= 0 ? (args[index + 1] ?? fallback) : fallback
  }
  const positional = args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'))
  const dir = positional[0] ?? 'dist-h5'
  const selector = positional[1] ?? '.product-card'
  const runs = Number(option('--runs', '3'))
  const backend = await startBackend({ serveH5Dir: path.resolve(dir) })
  const browser = await launchChromium()
  try {
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
      await context.addInitScript({ content: firstVisibleScript(selector) })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      if (flag('--profile')) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
        await cdp.send('Profiler.start')
      }
      await page.goto(`${backend.url}/`, { waitUntil: 'load' })
      await page.waitForFunction('window.__firstVisibleAt', undefined, { timeout: 30_000 })
      const visibleAt = Number(await page.evaluate('window.__firstVisibleAt'))
      const profile = flag('--profile') ? ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile : null
      await page.waitForLoadState('networkidle')
      const entries = await page.evaluate(() =>
        performance.getEntries().map((entry) => {
          const resource = entry as PerformanceResourceTiming
          return {
            type: entry.entryType,
            name: entry.name,
            start: entry.startTime,
            end: resource.responseEnd ?? entry.startTime + entry.duration,
            duration: entry.duration,
            bytes: resource.encodedBodySize,
          }
        }),
      )
      process.stdout.write(`\n— run ${run + 1}: visible at ${visibleAt.toFixed(0)} ms\n`)
      for (const entry of entries.sort((a, b) => a.start - b.start)) {
        const name = entry.name.startsWith('http') ? new URL(entry.name).pathname + new URL(entry.name).search : entry.name
        const size = entry.bytes ? ` ${(entry.bytes / 1024).toFixed(1)} KB` : ''
        process.stdout.write(`${entry.start.toFixed(0).padStart(6)} → ${entry.end.toFixed(0).padStart(6)}  ${entry.type.padEnd(10)} ${name}${size}\n`)
      }
      if (profile) {
        process.stdout.write('JS self time until visible (ms):\n')
        for (const [url, ms] of selfTimeByScript(profile).slice(0, Number(process.env.TOP ?? 12))) process.stdout.write(`${ms.toFixed(1).padStart(8)}  ${url}\n`)
      }
      await context.close()
    }
  } finally {
    await browser.close()
    await backend.stop()
  }
}

void main()
