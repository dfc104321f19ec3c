/**
 * The composition root: the one place where the app's singletons are created and wired together
 * (HTTP client, session, privacy service, state stores, API clients, payment). Everything else
 * imports them from here. They are built from a handful of platform pieces (`RootDeps`), so a
 * test swaps the whole root in one call with its own transport, storage, privacy platform or clock
 * (test/utils/test-root.ts) instead of mocking modules.
 *
 * The exports are ES module live bindings: code that reads `catalog.…` at call time always sees
 * the installed root. Read them when needed, never copy one into a module-level constant.
 * Only factories are imported here (never a module that imports this one), so there is no cycle.
 *
 * Whatever this file imports lands in the main package (common.js), which every visitor downloads.
 * Clients only subpackage pages use (orders, payment, phone, profile, 门店, the chosen 门店) are therefore wired in
 * src/subpackage-root.ts with `lazyPart`, from this root, on first use.
 */
import Taro from '@tarojs/taro'
import { createAccountApi, type AccountApi } from './services/api/account'
import { createCatalogApi, type CatalogApi } from './services/api/catalog'
import { createHttpClient, taroTransport, type HttpClient, type Transport, type Uploader } from './services/api/http'
import { apiBaseUrl } from './services/env'
import type { PaymentDeps } from './services/payment'
import { systemClock } from './services/privacy/clock'
import { createPlatform } from './services/privacy/platform'
import { createPrivacyService, type PrivacyService } from './services/privacy/service'
import type { Clock, PrivacyPlatform } from './services/privacy/types'
import { createAccountSession, type AccountSession } from './services/session/account-session'
import { createSessionStore, type SessionStore } from './services/session/store'
import { taroStorage, type KeyValueStorage } from './services/storage'
import { createCartStore, type CartStore } from './state/cart'

/** What the root is built from: the platform's pieces. The app uses Taro's; tests pass fakes. */
export interface RootDeps {
  transport: Transport
  /**
   * The avatar upload and the payment cashier, used only in subpackage pages: absent means Taro's
   * (taroUploader, openCashier), wired in src/subpackage-root.ts so their code stays out of the
   * main package. A test passes its own.
   */
  uploader?: Uploader
  baseUrl: string
  storage: KeyValueStorage
  /** Wipes everything this app keeps on the device (delete-my-data, WX-DATA-1). */
  clearStorage(): void
  privacyPlatform: PrivacyPlatform
  clock: Clock
  openCashier?: PaymentDeps['openCashier']
  /** Pause between payment confirmations; a test passes one that resolves at once. */
  wait(ms: number): Promise<void>
}

export interface AppRoot {
  /** The platform pieces this root was built from (lazy parts build on them too). */
  deps: RootDeps
  http: HttpClient
  sessionStore: SessionStore
  privacy: PrivacyService
  cartStore: CartStore
  /** Login, logout, the login prompt (session.prompt) and delete-my-data. */
  session: AccountSession
  catalog: CatalogApi
  account: AccountApi
}

/** The platform pieces of a real build: Taro's request, storage and privacy APIs. */
export function taroDeps(): RootDeps {
  return {
    transport: taroTransport,
    baseUrl: apiBaseUrl(),
    storage: taroStorage,
    clearStorage: () => Taro.clearStorageSync(),
    privacyPlatform: createPlatform(taroStorage),
    clock: systemClock,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }
}

export function createAppRoot(deps: RootDeps): AppRoot {
  const sessionStore = createSessionStore(deps.storage)
  // The session store supplies the Authorization header; a 401 on an authenticated call clears it.
  const http = createHttpClient({
    transport: deps.transport,
    baseUrl: deps.baseUrl,
    auth: {
      token: () => sessionStore.token(),
      onUnauthorized: () => sessionStore.clear(),
      onRotated: (token, expiresAt) => sessionStore.rotate(token, expiresAt),
    },
  })
  const privacy = createPrivacyService({ platform: deps.privacyPlatform, storage: deps.storage, clock: deps.clock })
  const cartStore = createCartStore({ storage: deps.storage })
  const account = createAccountApi(http)
  const session = createAccountSession({
    store: sessionStore,
    account,
    privacy,
    clearLocalData() {
      deps.clearStorage()
      // In-memory copies follow the now-empty storage.
      cartStore.reload()
      sessionStore.reload()
    },
  })
  return {
    deps,
    http,
    sessionStore,
    privacy,
    cartStore,
    session,
    // The catalog needs no account: it gets its own client without the session's header.
    catalog: createCatalogApi({ transport: deps.transport, baseUrl: deps.baseUrl }),
    account,
  }
}

/* eslint-disable import/no-mutable-exports -- live bindings: installAppRoot swaps them all at once */
export let http: HttpClient
export let sessionStore: SessionStore
export let privacy: PrivacyService
export let cartStore: CartStore
export let session: AccountSession
export let catalog: CatalogApi
export let account: AccountApi
let installed: AppRoot
/* eslint-enable import/no-mutable-exports */

/** Makes `root` the app's singletons (the app does it once below; tests via test/utils/test-root.ts). */
export function installAppRoot(root: AppRoot): AppRoot {
  installed = root
  ;({ http, sessionStore, privacy, cartStore, session, catalog, account } = root)
  return root
}

/**
 * A singleton built from the installed root on first use, and again after a test installs another
 * root. Declared in the module its users import (src/subpackage-root.ts), so its code stays out of
 * the main package: Taro 4.2.1 has no async subpackages, so lazy wiring is the only way to keep a
 * subpackage-only client out of common.js.
 */
export function lazyPart<T>(build: (root: AppRoot) => T): () => T {
  let builtFor: AppRoot | undefined
  let value: T | undefined
  return () => {
    if (value === undefined || builtFor !== installed) {
      value = build(installed)
      builtFor = installed
    }
    return value
  }
}

installAppRoot(createAppRoot(taroDeps()))
