/**
 * First-load figures of an H5 build in Chromium: JavaScript transferred (raw, and gzip as a
 * typical server would send it), first contentful paint, and the time until a selector (the home
 * page's products) is visible. Each figure is the median of a few cold loads in fresh contexts.
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

export interface LoadFigures {
  jsFiles: number
  jsRawBytes: number
  jsGzipBytes: number
  firstContentfulPaintMs: number
  readyMs: number | null
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function loadOnce(browser: Browser, url: string, readySelector: string | null): Promise<LoadFigures> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true })
  if (readySelector) await context.addInitScript({ content: firstVisibleScript(readySelector) })
  const page = await context.newPage()
  const scripts: Array<Promise<Buffer | null>> = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body().catch(() => null))
  })
  await page.goto(url, { waitUntil: 'load' })
  let readyMs: number | null = null
  if (readySelector) {
    await page.waitForSelector(readySelector, { state: 'visible', timeout: 30_000 })
    readyMs = Number(await page.waitForFunction('window.__firstVisibleAt').then((handle) => handle.jsonValue()))
  }
  await page.waitForLoadState('networkidle')
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

export async function measureH5Load(browser: Browser, url: string, readySelector: string | null, runs = 3): Promise<LoadFigures> {
  const results: LoadFigures[] = []
  for (let i = 0; i < runs; i += 1) results.push(await loadOnce(browser, url, readySelector))
  const first = results[0] as LoadFigures
  return {
    jsFiles: first.jsFiles,
    jsRawBytes: first.jsRawBytes,
    jsGzipBytes: first.jsGzipBytes,
    firstContentfulPaintMs: Math.round(median(results.map((r) => r.firstContentfulPaintMs))),
    readyMs: readySelector ? Math.round(median(results.map((r) => r.readyMs ?? 0))) : null,
  }
}
