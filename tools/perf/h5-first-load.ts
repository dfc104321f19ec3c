/**
 * Which scripts the H5 home page loads first, with their gzip sizes, next to the module owners the
 * bundle profile found in each: `npx tsx tools/perf/h5-first-load.ts` after `npm run build:h5`
 * (and `npm run profile:bundle -- h5` for the owners). Serves dist-h5/ from a throwaway backend.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { launchChromium, PHONE_VIEWPORT } from '../browser/chromium'
import { startBackend } from '../serve/backend'
import type { BundleStats } from '../../config/bundle-stats'
import { profileFiles } from './bundle-profile'

const ROOT = path.resolve(__dirname, '..', '..')

async function main(): Promise<void> {
  const backend = await startBackend({ serveH5Dir: 'dist-h5' })
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true })
    const page = await context.newPage()
    const scripts: Array<Promise<{ url: string; gzip: number } | null>> = []
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return
      scripts.push(response.body().then((body) => ({ url: response.url(), gzip: zlib.gzipSync(body, { level: 6 }).length }), () => null))
    })
    await page.goto(`${backend.url}/`, { waitUntil: 'load' })
    await page.waitForSelector('.product-card', { state: 'visible', timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const loaded = (await Promise.all(scripts)).filter((script): script is { url: string; gzip: number } => script !== null)
    const statsFile = path.join(ROOT, '.tmp', 'bundle', 'h5.json')
    const profiles = fs.existsSync(statsFile) ? profileFiles(JSON.parse(fs.readFileSync(statsFile, 'utf8')) as BundleStats) : []
    let total = 0
    for (const script of loaded) {
      total += script.gzip
      const file = new URL(script.url).pathname.slice(1)
      const owners = profiles.find((profile) => profile.file === file)?.owners.slice(0, 5).map((owner) => owner.owner).join(', ') ?? ''
      process.stdout.write(`${(script.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${file}  ${owners}\n`)
    }
    process.stdout.write(`${(total / 1024).toFixed(1).padStart(7)} KB gzip in ${loaded.length} scripts\n`)
  } finally {
    await browser.close()
    await backend.stop()
  }
}

void main()
