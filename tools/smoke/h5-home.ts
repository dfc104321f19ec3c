/**
 * Smoke check of the production H5 build: the backend serves dist-h5/ and the API from one
 * origin on a fresh in-memory database; headless Chromium opens the home page as a first-time
 * visitor. Passes when products are visible, nothing pops up (WX-LAUNCH-1) and no request leaves
 * the machine. Writes a screenshot to .tmp/smoke/home.png.
 */
import fs from 'node:fs'
import path from 'node:path'
import { launchChromium, PHONE_VIEWPORT } from '../browser/chromium'
import { startBackend } from '../serve/backend'

const OVERLAYS = ['[data-testid="consent-sheet"]', '[data-testid="login-sheet"]', '.taro__modal', '.taro__toast', '.taro__actionSheet']

async function main(): Promise<void> {
  const distDir = path.resolve('dist-h5')
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist-h5/ is missing: run npm run build:h5 first')
  const outDir = path.resolve('.tmp', 'smoke')
  fs.mkdirSync(outDir, { recursive: true })

  const backend = await startBackend({ serveH5Dir: 'dist-h5' })
  const browser = await launchChromium()
  const problems: string[] = []
  try {
    const page = await browser.newPage({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    page.on('dialog', (dialog) => {
      problems.push(`a browser dialog opened: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(backend.url) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`external request: ${url}`)
    })

    const started = Date.now()
    await page.goto(`${backend.url}/`, { waitUntil: 'domcontentloaded' })
    await page.locator('.product-card').first().waitFor({ state: 'visible', timeout: 30_000 })
    const visibleAfterMs = Date.now() - started
    // Give anything that would pop up "on launch" a moment to do so.
    await page.waitForTimeout(1500)

    const products = await page.locator('.product-card').count()
    if (products < 4) problems.push(`expected at least 4 products on the home page, saw ${products}`)
    for (const selector of OVERLAYS) {
      if (await page.locator(selector).first().isVisible().catch(() => false)) problems.push(`overlay visible on launch: ${selector}`)
    }
    await page.screenshot({ path: path.join(outDir, 'home.png') })

    if (problems.length > 0) throw new Error(problems.join('\n'))
    process.stdout.write(`h5 smoke: ${products} products visible ${visibleAfterMs} ms after navigation; no popup; no external request\n`)
  } finally {
    await browser.close()
    await backend.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`h5 smoke failed:\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
