/**
 * First-load figures of an H5 build in Chromium: JavaScript transferred (raw, and gzip as a
 * typical server would send it), first contentful paint, and the time until a selector (the home
 * page's products) is visible. Builds are compared in interleaved rounds of cold loads in fresh
 * contexts, by the ratio over all rounds (crossRatio in rounds.ts) with the per-round ratios as spread (measureH5Rounds).
 *
 * "Visible" is timed inside the page, at the first animation frame in which the selector matches a
 * visible element. Timing it from the test side (performance.now() once page.waitForSelector
 * returns) added Playwright's polling back-off, up to 500 ms after the element appeared: a page
 * ready long after `load` (products after an API call) was measured up to 0.5 s late, a page ready
 * at `load` (the empty template's text) was not.
 */
import zlib from 'node:zlib'
import type { Browser } from 'playwright-core'
import { PHONE_VIEWPORT } from '../browser/chromium'
import { firstVisibleScript } from './first-visible'
import { crossRatio, median, pairedRatios, roundOrder, type RatioEstimate, type Spread } from './rounds'

export interface LoadFigures {
  jsFiles: number
  jsRawBytes: number
  jsGzipBytes: number
  firstContentfulPaintMs: number
  readyMs: number | null
}

/**
 * One cold load: a fresh browser context (empty HTTP cache, no storage), phone viewport, no
 * throttling. With `collectScripts` the script bodies are read over CDP while the page loads, which
 * costs the browser time: the timed loads of a comparison leave it off (sizes come from the warm-up).
 */
export async function loadOnce(browser: Browser, url: string, readySelector: string | null, { collectScripts = true } = {}): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
  if (readySelector) await context.addInitScript({ content: firstVisibleScript(readySelector) })
  const page = await context.newPage()
  const scripts: Array<Promise<Buffer | null>> = []
  if (collectScripts) {
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.body().catch(() => null))
    })
  }
  await page.goto(url, { waitUntil: 'load' })
  let readyMs: number | null = null
  if (readySelector) {
    await page.waitForSelector(readySelector, { state: 'visible', timeout: 30_000 })
    readyMs = Number(await page.waitForFunction('window.__firstVisibleAt').then((handle) => handle.jsonValue()))
  }
  if (collectScripts) await page.waitForLoadState('networkidle')
  // A timed load needs only its first contentful paint (it may come a frame after "visible"); not
  // waiting for the network to fall idle (≥ 500 ms) makes a round about half as long.
  else await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 })
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1)
  const bodies = (await Promise.all(scripts)).filter((body): body is Buffer => body !== null)
  await context.close()
  return {
    jsFiles: bodies.length,
    jsRawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    jsGzipBytes: bodies.reduce((sum, body) => sum + zlib.gzipSync(body, { level: 6 }).length, 0),
    firstContentfulPaintMs: fcp,
    readyMs,
  }
}

const scriptSizes = ({ jsFiles, jsRawBytes, jsGzipBytes }: LoadFigures) => ({ jsFiles, jsRawBytes, jsGzipBytes })

export interface LoadTarget {
  url: string
  /** What "visible" means for this build: the home page's products, the empty template's text. */
  readySelector: string
}

export interface RoundsFigures {
  /** Per target, every measured load in round order. */
  loads: LoadFigures[][]
  /** Per target: median times (JS sizes from the warm-up load, the one that reads script bodies). */
  medians: LoadFigures[]
  /** Per target after the first: per-round ratios to the first target (the round-to-round spread). */
  readyRatios: Spread[]
  fcpRatios: Spread[]
  /** Per target after the first: the ratio to the first target over all rounds (crossRatio), the verdict. */
  readyEstimates: RatioEstimate[]
  fcpEstimates: RatioEstimate[]
}

/**
 * Loads every target once per round, in an order that rotates each round (tools/perf/rounds.ts),
 * after one unmeasured warm-up load each (the server's first answers, not the page, would
 * otherwise be in round 1). The first target is the baseline the ratios are taken against.
 */
export async function measureH5Rounds(browser: Browser, targets: readonly LoadTarget[], rounds = 7): Promise<RoundsFigures> {
  const warmUps: LoadFigures[] = []
  for (const target of targets) warmUps.push(await loadOnce(browser, target.url, target.readySelector))
  const loads: LoadFigures[][] = targets.map(() => [])
  for (let round = 0; round < rounds; round += 1) {
    for (const index of roundOrder(round, targets.length)) {
      const target = targets[index] as LoadTarget
      const load = await loadOnce(browser, target.url, target.readySelector, { collectScripts: false })
      ;(loads[index] as LoadFigures[]).push({ ...load, ...scriptSizes(warmUps[index] as LoadFigures) })
    }
  }
  const ready = (figures: LoadFigures[]) => figures.map((figure) => figure.readyMs ?? Number.NaN)
  const fcp = (figures: LoadFigures[]) => figures.map((figure) => figure.firstContentfulPaintMs)
  const base = loads[0] as LoadFigures[]
  return {
    loads,
    medians: loads.map((figures) => {
      const first = figures[0] as LoadFigures
      return { ...scriptSizes(first), firstContentfulPaintMs: Math.round(median(fcp(figures))), readyMs: Math.round(median(ready(figures))) }
    }),
    readyRatios: loads.slice(1).map((figures) => pairedRatios(ready(figures), ready(base))),
    fcpRatios: loads.slice(1).map((figures) => pairedRatios(fcp(figures), fcp(base))),
    readyEstimates: loads.slice(1).map((figures) => crossRatio(ready(figures), ready(base))),
    fcpEstimates: loads.slice(1).map((figures) => crossRatio(fcp(figures), fcp(base))),
  }
}
