/**
 * What every e2e step shares: the backend (real server, fresh PGlite in a temp folder so the run
 * can inspect it afterwards), one Chromium page at a phone viewport, screenshots and timings.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchChromium, PHONE_VIEWPORT } from '../../tools/browser/chromium'
import { startBackend, type RunningBackend } from '../../tools/serve/backend'

export const ROOT = path.resolve(__dirname, '..', '..')
export const OUT_DIR = path.join(ROOT, '.tmp', 'e2e')
export const SCREENSHOT_DIR = path.join(OUT_DIR, 'screenshots')

/** Overlays that must not be up unless a step opened them. */
export const OVERLAYS = {
  consent: '[data-testid="consent-sheet"]',
  login: '[data-testid="login-sheet"]',
  modal: '.taro-modal__content',
}

export interface E2E {
  backend: RunningBackend
  browser: Browser
  page: Page
  dataDir: string
  /** Requests that left the machine (must stay empty). */
  externalRequests: string[]
  pageErrors: string[]
}

export async function startE2E(): Promise<E2E> {
  if (!fs.existsSync(path.join(ROOT, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ is missing: run npm run build:h5 first')
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storefront-e2e-db-'))
  const backend = await startBackend({ serveH5Dir: 'dist-h5', env: { PGLITE_DIR: dataDir } })
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  // Fail a step fast: nothing in this app should take seconds on loopback.
  page.setDefaultTimeout(10_000)
  const e2e: E2E = { backend, browser, page, dataDir, externalRequests: [], pageErrors: [] }
  page.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(backend.url) && !/^(data|blob):/.test(url)) e2e.externalRequests.push(url)
  })
  page.on('pageerror', (error) => e2e.pageErrors.push(error.message))
  return e2e
}

export async function stopE2E(e2e: E2E | undefined): Promise<void> {
  if (!e2e) return
  await e2e.browser.close().catch(() => undefined)
  await e2e.backend.stop()
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let the page slide-in and sheet animations finish.
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/**
 * H5 keeps every page of the stack in the DOM, and during a transition the page below is still
 * painted: element lookups are scoped to the top page (the last one shown), visible matches only.
 */
export function topPage(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true }).last()
}

export function visible(page: Page, selector: string): Locator {
  return topPage(page).locator(selector).filter({ visible: true })
}

/** Anywhere on screen (overlays such as Taro's modal live outside the pages). */
export async function isVisible(page: Page, selector: string): Promise<boolean> {
  return (await page.locator(selector).filter({ visible: true }).count()) > 0
}

/** Taro's H5 components are custom elements; a visible text match is the tap target. */
export function byText(page: Page, text: string, options: { exact?: boolean } = {}): Locator {
  return topPage(page).getByText(text, { exact: options.exact ?? true }).filter({ visible: true }).first()
}

export async function tap(page: Page, text: string): Promise<void> {
  await byText(page, text).click()
}

/** Answers the Taro modal on screen (the H5 stand-in for WeChat's system prompts). */
export async function answerModal(page: Page, answer: 'confirm' | 'cancel'): Promise<void> {
  await page.locator(`.taro-modal__content .taro-model__${answer}`).filter({ visible: true }).click()
}

const TAB_ROUTES = { 首页: '/pages/index/index', 分类: '/pages/category/index', 购物车: '/pages/cart/index', 我的: '/pages/mine/index' }

/**
 * Switches tab the way a user does, with a tap on the tab bar. Deeper pages have no tab bar; there
 * the step reopens the app at that tab (a fresh page stack: Taro's H5 router can leave every page
 * hidden when its hash is changed under a deep stack).
 */
export async function goTab(page: Page, label: keyof typeof TAB_ROUTES): Promise<void> {
  // The tab bar is a navigation landmark of links (src/components/tab-bar); hidden tab pages keep
  // theirs in the DOM, and getByRole only sees the one on screen.
  const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: label, exact: true })
  if (!(await tab.isVisible())) {
    await page.goto(`${new URL(page.url()).origin}/#${TAB_ROUTES[label]}`)
    await page.reload()
    await tab.waitFor()
  }
  await tab.click()
  // The page now on screen draws the bar with this tab marked as the current page.
  await tab.and(page.locator('[aria-current="page"]')).waitFor()
}

/** Navigates by the H5 router's hash (the same paths as app.config). */
export async function open(page: Page, backendUrl: string, route: string): Promise<void> {
  await page.goto(`${backendUrl}/#${route}`)
}
