/**
 * Swaps the app's composition root (src/app-root.ts) for a test's own, in one call.
 *
 * By default the root is built exactly as the app builds it, over the Taro fake (test/utils/taro-api.ts):
 * Taro.request into whatever backend the test installed, the fake's storage, the real weapp privacy
 * adapter over the fake's privacy APIs. A test overrides any platform piece with a typed value,
 * e.g. `installTestRoot({ privacyPlatform: createFakePlatform({ agreed: true }) })`.
 *
 * Importing this module gives every test a fresh root (no state leaks between tests); a test's own
 * beforeEach runs after this one, so its overrides win.
 */
import { createAppRoot, installAppRoot, taroDeps, type AppRoot, type RootDeps } from '@/app-root'
import { outletChoice } from '@/subpackage-root'
import { createFakePlatform, type FakePrivacyPlatform } from './fake-privacy'

export function installTestRoot(overrides: Partial<RootDeps> = {}): AppRoot {
  // Payment confirmation waits resolve at once: tests never race the clock.
  return installAppRoot(createAppRoot({ ...taroDeps(), wait: () => Promise.resolve(), ...overrides }))
}

beforeEach(() => {
  installTestRoot()
})

/**
 * For a file whose tests start with the privacy guide already agreed to: each test gets a fresh
 * fake privacy platform installed in its root. Returns the current test's platform.
 */
export function agreedPlatformPerTest(): () => FakePrivacyPlatform {
  let platform: FakePrivacyPlatform | undefined
  beforeEach(() => {
    platform = createFakePlatform({ agreed: true })
    installTestRoot({ privacyPlatform: platform })
  })
  return () => {
    if (!platform) throw new Error('agreedPlatformPerTest: the platform is made in beforeEach; call the getter inside a test')
    return platform
  }
}

/**
 * For a file whose tests are one continuing app session (one launch: the privacy agreement read
 * by an earlier test still holds in the next): one root, built before the first test, for all.
 * Device storage is still cleared after each test (setup.ts), so the stores re-read it.
 */
export function installRootForFile(overrides: Partial<RootDeps> = {}): void {
  let root: AppRoot | undefined
  beforeAll(() => {
    root = createAppRoot({ ...taroDeps(), wait: () => Promise.resolve(), ...overrides })
  })
  beforeEach(() => {
    if (!root) return
    installAppRoot(root)
    root.session.prompt.cancel()
    for (const store of [root.cartStore, root.sessionStore, outletChoice()]) store.reload()
  })
}
