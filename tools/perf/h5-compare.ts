/**
 * Compares H5 builds' first loads in interleaved rounds (tools/perf/h5-load.ts): each build served
 * by its own throwaway backend, the first build is the baseline.
 *
 *   npx tsx tools/perf/h5-compare.ts .tmp/empty-template/dist-h5:.hello dist-h5:.product-card [more dir:selector] [--rounds 15]
 *
 * Prints per build the median until-visible and first paint, and the ratio to the baseline over all
 * rounds (rounds.ts crossRatio, with its 95 % interval) next to the median per-round ratio and its spread. Used to measure each change in docs/performance.md.
 */
import path from 'node:path'
import { launchChromium } from '../browser/chromium'
import { startBackend, type RunningBackend } from '../serve/backend'
import { measureH5Rounds } from './h5-load'
import { formatEstimate, formatRatio } from './rounds'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const roundsIndex = args.indexOf('--rounds')
  const rounds = roundsIndex >= 0 ? Number(args[roundsIndex + 1]) : 15
  const builds = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--rounds').map((arg) => {
    const [dir, selector] = arg.split(':')
    if (!dir || !selector) throw new Error(`expected dir:selector, got ${arg}`)
    return { dir, selector }
  })
  if (builds.length < 2) throw new Error('give a baseline and at least one build to compare, as dir:selector')
  const backends: RunningBackend[] = []
  const browser = await launchChromium()
  try {
    for (const build of builds) backends.push(await startBackend({ serveH5Dir: path.resolve(build.dir) }))
    const figures = await measureH5Rounds(
      browser,
      builds.map((build, index) => ({ url: `${(backends[index] as RunningBackend).url}/`, readySelector: build.selector })),
      rounds,
    )
    builds.forEach((build, index) => {
      const medians = figures.medians[index]
      const ready = figures.readyRatios[index - 1]
      const readyEstimate = figures.readyEstimates[index - 1]
      const fcpEstimate = figures.fcpEstimates[index - 1]
      const ratios = ready && readyEstimate && fcpEstimate ? `  visible ${formatEstimate(readyEstimate)}, per round ${formatRatio(ready)}  first paint ${formatEstimate(fcpEstimate)}` : '  (baseline)'
      process.stdout.write(`${build.dir}: visible ${medians?.readyMs} ms, first paint ${medians?.firstContentfulPaintMs} ms, JS ${((medians?.jsGzipBytes ?? 0) / 1024).toFixed(1)} KB gzip in ${medians?.jsFiles} files${ratios}\n`)
      if (ready) process.stdout.write(`  per round: ${ready.values.map((value) => value.toFixed(2)).join(' ')}\n`)
    })
  } finally {
    await browser.close()
    await Promise.all(backends.map((backend) => backend.stop()))
  }
}

void main()
