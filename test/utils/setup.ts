/**
 * Runs before every client test file (jest.config.js setupFilesAfterEnv).
 *
 * - Taro's compile-time config helpers exist (app/page configs can be imported).
 * - The Taro fake knows the app's pages, so navigation to an unregistered page fails as on WeChat.
 * - Network that no test mocked fails the test: Taro.request without a backend is recorded and
 *   reported after the test, and fetch / XMLHttpRequest throw at once.
 * - Shared state is reset after each test: rendered trees, the Taro fake (calls, storage, router,
 *   request handler) and, in page tests, the app singletons (see render-page.tsx).
 * - React warnings (console.error) fail the test that produced them.
 * - jest-dom's matchers (toHaveTextContent, toBeDisabled, toHaveAttribute, …) are available; where
 *   presence is the point, a plain getBy… call (which throws) is the assertion.
 */
import '@testing-library/jest-dom'
import { cleanup } from '@testing-library/react'
import { taroFake } from './taro-api'

type AppConfigShape = { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; tabBar?: { list: Array<{ pagePath: string }> } }

Object.assign(globalThis, {
  defineAppConfig: <T>(config: T) => config,
  definePageConfig: <T>(config: T) => config,
})

function loadAppConfig(): AppConfigShape {
  let config: AppConfigShape | undefined
  jest.isolateModules(() => {
    config = (jest.requireActual('@/app.config') as { default: AppConfigShape }).default
  })
  if (!config) throw new Error('setup: src/app.config.ts did not load')
  return config
}

const appConfig = loadAppConfig()
const allPages = [
  ...appConfig.pages,
  ...(appConfig.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`)),
]
const tabPages = (appConfig.tabBar?.list ?? []).map((item) => item.pagePath)

function refuseNetwork(name: string): never {
  throw new Error(`${name} was called in a test: go through Taro.request and a fake backend instead`)
}

// jsdom lacks IntersectionObserver, which Taro's Image uses for lazyLoad; it never reports here.
class InertIntersectionObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return []
  }
}

/**
 * Warnings raised inside @tarojs/components-react, not by app code: its Input passes onConfirm
 * through to the DOM <input>, and its View passes catchMove (a mini-program prop that stops
 * scroll-through under a sheet) through to the <div>. React reports each once per run.
 */
const LIBRARY_WARNINGS: RegExp[] = [
  /Unknown event handler property [\s\S]*\bonConfirm\b/,
  /React does not recognize the `%s` prop on a DOM element[\s\S]*\bcatchMove catchmove\b/,
]

const consoleErrors: string[] = []
let consoleSpy: jest.SpyInstance | undefined

beforeEach(() => {
  taroFake.registerPages(allPages, tabPages)
  Object.assign(globalThis, {
    fetch: () => refuseNetwork('fetch'),
    IntersectionObserver: InertIntersectionObserver,
  })
  // Some suites (e.g. the weapp dist check) run in the node environment, without a window.
  if (typeof window !== 'undefined') {
    Object.assign(window, {
      XMLHttpRequest: function XMLHttpRequest() {
        refuseNetwork('XMLHttpRequest')
      },
    })
  }
  consoleErrors.length = 0
  consoleSpy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const message = args.map(String).join(' ')
    if (!LIBRARY_WARNINGS.some((pattern) => pattern.test(message))) consoleErrors.push(message)
  })
})

afterEach(() => {
  cleanup()
  const unmocked = [...taroFake.unmockedRequests]
  const errors = [...consoleErrors]
  taroFake.reset()
  consoleSpy?.mockRestore()
  if (unmocked.length > 0) throw new Error(`Unmocked network request(s): ${unmocked.join(', ')}`)
  if (errors.length > 0) throw new Error(`console.error during the test:\n${errors.join('\n')}`)
})
