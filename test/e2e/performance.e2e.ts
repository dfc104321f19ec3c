/**
 * Performance report: the production H5 build's first load next to an empty Taro template built
 * in the same run, measured in the same Chromium, plus weapp package sizes. Written to
 * .tmp/e2e/performance.{json,md}; docs/performance.md keeps the latest committed copy.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../tools/browser/chromium'
import { buildEmptyTemplate } from '../../tools/perf/empty-template'
import { measureH5Rounds, type LoadFigures, type RoundsFigures } from '../../tools/perf/h5-load'
import { formatEstimate, formatRatio, type RatioEstimate, type Spread } from '../../tools/perf/rounds'
import { startBackend, type RunningBackend } from '../../tools/serve/backend'
import { checkSizes, kb, measurePackages, SIZE_BUDGET, type PackageSizes } from '../../tools/weapp/dist-check'
import { HOME_FIRST_PAGE_URL } from '../../src/pages/index/first-page'
import { OUT_DIR, ROOT } from './harness'

/**
 * Budgets that make this a check, not just a printout, as ratios to the empty template measured in
 * the same run (absolute times swing several-fold with the machine's load: 0.75 s to 3.4 s for the
 * same build). Issue 13's targets are 1.3× (JS gzip) and 1.5× (until visible). JS gzip is held to
 * the target. Until visible is the ratio over all loads of interleaved rounds (crossRatio:
 * Hodges–Lehmann, with its 95 % interval); single rounds still range 0.5–2.4× on a busy shared
 * machine. The check fails when the run shows we are over the target (the whole interval above
 * 1.5×); the report says whether the estimate itself is within it. The empty template is loaded a
 * second time in every round, from its own server, as an A/A check of the measurement itself: it
 * must come out near 1×, or the run says nothing about our build.
 */
const BUDGET = { jsGzipBytes: 300 * 1024, jsGzipVsEmptyTemplate: 1.3, readyVsEmptyTemplate: 1.5, sameBuildBand: [0.75, 1.33] as const }
/** Interleaved rounds of cold loads of three targets (template, ours, template again; order rotating): ≈ 2–3 minutes on a busy machine. */
const ROUNDS = 15

let browser: Browser | undefined
const servers: RunningBackend[] = []

afterAll(async () => {
  await browser?.close()
  await Promise.all(servers.map((server) => server.stop()))
})

function row(label: string, ours: string, empty: string, ratio = ''): string {
  return `| ${label} | ${ours} | ${empty} | ${ratio} |`
}

const times = (ours: number | null, empty: number | null) => (ours !== null && empty ? `${(ours / empty).toFixed(2)}×` : '—')

function renderMarkdown(rounds: RoundsFigures, weapp: PackageSizes | null, emptyWeapp: PackageSizes, emptyWeappSame: PackageSizes, builds: { h5BuildMs: number; weappBuildMs: number }): string {
  const [empty, ours] = rounds.medians as [LoadFigures, LoadFigures]
  const [readyRatio, fcpRatio] = [rounds.readyRatios[0], rounds.fcpRatios[0]] as [Spread, Spread]
  const [readyEstimate, fcpEstimate, sameBuild] = [rounds.readyEstimates[0], rounds.fcpEstimates[0], rounds.readyEstimates[1]] as [RatioEstimate, RatioEstimate, RatioEstimate]
  const perRound = (ratio: Spread) => ratio.values.map((value) => value.toFixed(2)).join(', ')
  return [
    '# Performance',
    '',
    `Measured by \`npm run test:e2e\` (test/e2e/performance.e2e.ts) on ${new Date().toISOString().slice(0, 10)}, headless Chromium,`,
    `phone viewport, backend and browser on the same 2-core machine. H5 times: ${readyRatio.values.length} interleaved rounds of cold loads`,
    '(each round loads the empty template, this template and the empty template again from a second server, in fresh',
    'browser contexts, in rotating order, after one warm-up load each; same server code, no throttling). Times are',
    'medians; a ratio is the Hodges–Lehmann estimate over all loads (the median of every cross ratio ours ÷ template)',
    'with its 95 % interval, then the median and range of the per-round ratios.',
    'The empty template is Taro 4.2.1 React + TypeScript with one page, built in the same run with the same packages.',
    '',
    '| | this template | empty Taro template | ratio |',
    '|---|---|---|---|',
    row('H5 first load: JS files', String(ours.jsFiles), String(empty.jsFiles)),
    row('H5 first load: JS raw', kb(ours.jsRawBytes), kb(empty.jsRawBytes), times(ours.jsRawBytes, empty.jsRawBytes)),
    row('H5 first load: JS gzip (level 6)', kb(ours.jsGzipBytes), kb(empty.jsGzipBytes), times(ours.jsGzipBytes, empty.jsGzipBytes)),
    row('H5 first contentful paint', `${ours.firstContentfulPaintMs} ms`, `${empty.firstContentfulPaintMs} ms`, `${formatEstimate(fcpEstimate)}; per round ${formatRatio(fcpRatio)}`),
    row('H5 until visible', `${ours.readyMs ?? '—'} ms (products on the home page)`, `${empty.readyMs ?? '—'} ms (its one line of text)`, `${formatEstimate(readyEstimate)}; per round ${formatRatio(readyRatio)}`),
    row('A/A: the empty template against itself, until visible', '—', '—', `${formatEstimate(sameBuild)}; per round ${formatRatio(rounds.readyRatios[1] as Spread)}`),
    row('weapp main package', weapp ? kb(weapp.main) : 'not built', kb(emptyWeapp.main), times(weapp?.main ?? null, emptyWeapp.main)),
    row('weapp main package, like for like (empty template with config/size-settings.ts)', weapp ? kb(weapp.main) : 'not built', kb(emptyWeappSame.main), times(weapp?.main ?? null, emptyWeappSame.main)),
    row('weapp total', weapp ? kb(weapp.total) : 'not built', kb(emptyWeapp.total)),
    row('production build (empty template, this run)', '—', `h5 ${(builds.h5BuildMs / 1000).toFixed(1)} s, weapp ${(builds.weappBuildMs / 1000).toFixed(1)} s`),
    '',
    `Until visible against the target of ${BUDGET.readyVsEmptyTemplate}×: ${readyEstimate.estimate <= BUDGET.readyVsEmptyTemplate ? 'within' : 'over'} (estimate ${readyEstimate.estimate.toFixed(2)}×; the check fails only when the whole interval is over).`,
    '',
    `Per-round ratios, until visible: ${perRound(readyRatio)}; first contentful paint: ${perRound(fcpRatio)}.`,
    '',
  ].join('\n')
}

describe('performance', () => {
  it('H5 first load and weapp sizes next to the empty Taro template, within budget', async () => {
    const empty = buildEmptyTemplate()
    const ours = await startBackend({ serveH5Dir: 'dist-h5' })
    servers.push(ours)
    const emptyServer = await startBackend({ serveH5Dir: path.relative(ROOT, empty.h5Dir) })
    servers.push(emptyServer)
    browser = await launchChromium()

    const emptyAgain = await startBackend({ serveH5Dir: path.relative(ROOT, empty.h5Dir) })
    servers.push(emptyAgain)
    const rounds = await measureH5Rounds(
      browser,
      [
        { url: `${emptyServer.url}/`, readySelector: '.hello' },
        { url: `${ours.url}/`, readySelector: '.product-card' },
        { url: `${emptyAgain.url}/`, readySelector: '.hello' },
      ],
      ROUNDS,
    )
    const [emptyLoad, oursLoad] = rounds.medians as [LoadFigures, LoadFigures]
    const [readyEstimate, sameBuild] = rounds.readyEstimates as [RatioEstimate, RatioEstimate]
    const weappDist = path.join(ROOT, 'dist')
    const weapp = fs.existsSync(path.join(weappDist, 'app.json')) ? measurePackages(weappDist) : null
    const emptyWeapp = measurePackages(empty.weappDir)
    const emptyWeappSame = measurePackages(empty.weappSameSettingsDir)

    fs.mkdirSync(OUT_DIR, { recursive: true })
    fs.writeFileSync(path.join(OUT_DIR, 'performance.json'), `${JSON.stringify({ ours: oursLoad, empty: emptyLoad, rounds, weapp, emptyWeapp, emptyWeappSame, emptyBuild: empty }, null, 2)}\n`)
    fs.writeFileSync(path.join(OUT_DIR, 'performance.md'), renderMarkdown(rounds, weapp, emptyWeapp, emptyWeappSame, empty))

    expect(oursLoad.readyMs).not.toBeNull()
    // A/A first: a measurement that cannot tell a build from itself cannot judge ours.
    expect(sameBuild.estimate).toBeGreaterThanOrEqual(BUDGET.sameBuildBand[0])
    expect(sameBuild.estimate).toBeLessThanOrEqual(BUDGET.sameBuildBand[1])
    expect(readyEstimate.low).toBeLessThanOrEqual(BUDGET.readyVsEmptyTemplate)
    expect(oursLoad.jsGzipBytes).toBeLessThan(BUDGET.jsGzipBytes)
    expect(oursLoad.jsGzipBytes / emptyLoad.jsGzipBytes).toBeLessThanOrEqual(BUDGET.jsGzipVsEmptyTemplate)
    if (weapp) expect(checkSizes(weapp, SIZE_BUDGET, { defaults: emptyWeapp.main, sameSettings: emptyWeappSame.main })).toEqual([])
    expect(oursLoad.firstContentfulPaintMs).toBeGreaterThan(0)
  }, 900_000) // three production builds of the empty template: minutes on a busy 2-core machine

  it("the home page's first products and its own files are requested once, by index.html's preloads; a deep link preloads nothing", async () => {
    const backend = servers[0]
    if (!browser || !backend) throw new Error('the measurement above did not start the backend and browser')
    const firstPage = `${backend.url}${HOME_FIRST_PAGE_URL}`
    for (const [hash, selector, expected] of [
      ['', '.product-card', ['other']],
      ['#/packageShop/product/index?id=p001', '.product__name', []],
    ] as const) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const requests: string[] = []
      const files: string[] = []
      page.on('request', (request) => {
        if (request.url() === firstPage) requests.push(request.resourceType())
        if (/\.(js|css)$/.test(request.url())) files.push(new URL(request.url()).pathname)
      })
      const warnings: string[] = []
      page.on('console', (message) => {
        if (message.text().includes('preload')) warnings.push(message.text())
      })
      await page.goto(`${backend.url}/${hash}`)
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 })
      await page.waitForLoadState('networkidle')
      // One request, made by the <link rel=preload> ('other'): the page's own fetch took its answer.
      // A second, 'fetch' request here would mean the preload no longer matches the page's request.
      expect({ hash, requests }).toEqual({ hash, requests: [...expected] })
      expect(warnings).toEqual([])
      // A preloaded script or stylesheet that the page's own load does not take is fetched twice.
      expect({ hash, twice: files.filter((file, index) => files.indexOf(file) !== index) }).toEqual({ hash, twice: [] })
      await context.close()
    }
  }, 120_000)
})
