/**
 * The main thread of one cold H5 load, from a Chromium performance trace: each task over a few
 * milliseconds until the selector is visible, with what it spent its time on (script evaluation
 * by file, function calls, style, layout, paint, parsing).
 *
 *   npx tsx tools/perf/h5-trace.ts [dir:selector …] [--min 8] [--runs 1]
 *
 * With several builds or runs it prints per build the medians of the wall time until visible, the
 * main thread's busy time until then and its CPU time: the CPU time moves far less with the
 * machine's load than wall times do, so it tells two builds apart where the wall clock cannot.
 *
 * A diagnosis tool (docs/performance.md says what it found), not a check.
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium, PHONE_VIEWPORT } from '../browser/chromium'
import { startBackend, type RunningBackend } from '../serve/backend'
import { firstVisibleScript } from './first-visible'
import { median, roundOrder } from './rounds'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time of the event. */
  tdur?: number
  pid: number
  tid: number
  args?: { data?: { url?: string; functionName?: string; documentLoaderURL?: string } }
}

const INTERESTING = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.produceCache',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Layerize',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'MajorGC',
  'MinorGC',
  'ResourceReceivedData',
  'HitTest',
])

function label(event: TraceEvent): string {
  const data = event.args?.data
  const url = data?.url ? new URL(data.url, 'http://x').pathname : ''
  const fn = data?.functionName ? `${data.functionName}` : ''
  return [event.name, url, fn].filter(Boolean).join(' ')
}

interface TracedLoad {
  visibleAt: number
  /** Main-thread task time until visible: wall clock, and the thread's own CPU time (trace `tdur`). */
  busyMs: number
  cpuMs: number
  /** CPU ms by kind of work until visible (outermost interesting event; script work by file). */
  cpuByKind: Map<string, number>
  report: string
}

async function traceOnce(browser: Browser, url: string, selector: string, minMs: number): Promise<TracedLoad> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
  await context.addInitScript({ content: firstVisibleScript(selector) })
  const page = await context.newPage()
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] })
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction('window.__firstVisibleAt', undefined, { timeout: 30_000 })
  const visibleAt = Number(await page.evaluate('window.__firstVisibleAt'))
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
  await context.close()
  const events = trace.traceEvents
  const navStart = events.find((event) => event.name === 'navigationStart' && event.args?.data && 'documentLoaderURL' in event.args.data) ?? events.find((event) => event.name === 'navigationStart')
  if (!navStart) throw new Error('no navigationStart in the trace')
  const origin = navStart.ts
  // The renderer's main thread is the one that ran the page's scripts.
  const evaluate = events.find((event) => event.name === 'EvaluateScript' && event.args?.data?.url?.includes('/js/'))
  if (!evaluate) throw new Error('no script evaluation in the trace')
  const mainThread = events.filter((event) => event.pid === evaluate.pid && event.tid === evaluate.tid && event.ph === 'X')
  const until = origin + visibleAt * 1000
  const allTasks = mainThread.filter((event) => event.name === 'RunTask' && event.ts >= origin && event.ts < until)
  const busyMs = allTasks.reduce((sum, task) => sum + (task.dur ?? 0), 0) / 1000
  const cpuMs = allTasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000
  const lines = [`visible at ${visibleAt.toFixed(0)} ms, main thread busy ${busyMs.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms)`]
  const totals = new Map<string, number>()
  for (const task of allTasks.filter((event) => (event.dur ?? 0) / 1000 >= minMs)) {
    const end = task.ts + (task.dur ?? 0)
    lines.push(`${((task.ts - origin) / 1000).toFixed(0).padStart(6)} +${((task.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms task (CPU ${((task.tdur ?? 0) / 1000).toFixed(0)})`)
    const inside = mainThread.filter((event) => event !== task && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end && INTERESTING.has(event.name))
    // Top-level interesting events only (not nested in another interesting event of this task).
    const top = inside.filter((event) => !inside.some((other) => other !== event && other.ts <= event.ts && other.ts + (other.dur ?? 0) >= event.ts + (event.dur ?? 0) && (other.dur ?? 0) > (event.dur ?? 0)))
    for (const event of top) {
      const ms = (event.dur ?? 0) / 1000
      if (ms >= 1) lines.push(`         ${ms.toFixed(1).padStart(6)}  ${label(event)}`)
    }
    for (const event of inside) {
      if (event.name === 'EvaluateScript' || event.name === 'FunctionCall' || event.name === 'v8.compile') continue
      totals.set(event.name, (totals.get(event.name) ?? 0) + (event.dur ?? 0) / 1000)
    }
  }
  // CPU by kind of work over every task until visible, outermost interesting event only.
  const cpuByKind = new Map<string, number>()
  for (const task of allTasks) {
    const end = task.ts + (task.dur ?? 0)
    const inside = mainThread.filter((event) => event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end && INTERESTING.has(event.name))
    const top = inside.filter((event) => !inside.some((other) => other !== event && other.ts <= event.ts && other.ts + (other.dur ?? 0) >= event.ts + (event.dur ?? 0) && (other.dur ?? 0) > (event.dur ?? 0)))
    let covered = 0
    for (const event of top) {
      const kind = event.name === 'EvaluateScript' || event.name === 'v8.compile' ? `${event.name} ${label(event).split(' ')[1] ?? ''}` : event.name
      cpuByKind.set(kind, (cpuByKind.get(kind) ?? 0) + (event.tdur ?? 0) / 1000)
      covered += (event.tdur ?? 0) / 1000
    }
    cpuByKind.set('(rest of the task)', (cpuByKind.get('(rest of the task)') ?? 0) + (task.tdur ?? 0) / 1000 - covered)
  }
  lines.push('CPU by kind until visible:')
  for (const [name, ms] of [...cpuByKind.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) lines.push(`${ms.toFixed(1).padStart(8)}  ${name}`)
  lines.push('totals (all nesting levels, tasks above):')
  for (const [name, ms] of [...totals.entries()].sort((a, b) => b[1] - a[1])) lines.push(`${ms.toFixed(1).padStart(8)}  ${name}`)
  return { visibleAt, busyMs, cpuMs, cpuByKind, report: lines.join('\n') }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
  const minMs = option('--min', 8)
  const runs = option('--runs', 1)
  const builds = args
    .filter((arg, index) => !arg.startsWith('--') && !['--min', '--runs'].includes(args[index - 1] ?? ''))
    .map((arg) => {
      const [dir, selector] = arg.split(':')
      return { dir: dir ?? 'dist-h5', selector: selector ?? '.product-card' }
    })
  if (builds.length === 0) builds.push({ dir: 'dist-h5', selector: '.product-card' })
  const backends: RunningBackend[] = []
  const browser = await launchChromium()
  try {
    for (const build of builds) backends.push(await startBackend({ serveH5Dir: path.resolve(build.dir) }))
    const loads: TracedLoad[][] = builds.map(() => [])
    for (let round = 0; round < runs; round += 1) {
      for (const index of roundOrder(round, builds.length)) {
        const load = await traceOnce(browser, `${(backends[index] as RunningBackend).url}/`, (builds[index] as { selector: string }).selector, minMs)
        ;(loads[index] as TracedLoad[]).push(load)
        if (runs === 1) process.stdout.write(`${(builds[index] as { dir: string }).dir}: ${load.report}\n`)
      }
    }
    builds.forEach((build, index) => {
      const own = loads[index] as TracedLoad[]
      process.stdout.write(
        `${build.dir}: median visible ${median(own.map((l) => l.visibleAt)).toFixed(0)} ms, main thread busy ${median(own.map((l) => l.busyMs)).toFixed(0)} ms, CPU ${median(own.map((l) => l.cpuMs)).toFixed(0)} ms (CPU per run: ${own.map((l) => l.cpuMs.toFixed(0)).join(' ')})\n`,
      )
      if (runs > 1) {
        const kinds = [...new Set(own.flatMap((load) => [...load.cpuByKind.keys()]))]
        const medians = kinds.map((kind) => [kind, median(own.map((load) => load.cpuByKind.get(kind) ?? 0))] as const).sort((a, b) => b[1] - a[1])
        for (const [kind, ms] of medians.slice(0, 10)) process.stdout.write(`${ms.toFixed(1).padStart(8)}  ${kind} (median CPU ms)\n`)
      }
    })
  } finally {
    await browser.close()
    await Promise.all(backends.map((backend) => backend.stop()))
  }
}

void main()
