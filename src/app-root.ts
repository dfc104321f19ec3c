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
 */
import Taro from '@tarojs/taro'
import { createAccountApi, taroUploader, type AccountApi, type Uploader } from './services/api/account'
import { createCatalogApi, type CatalogApi } from './services/api/catalog'
import { createHttpClient, taroTransport, type HttpClient, type Transport } from './services/api/http'
import { createOrdersApi, type OrdersApi } from './services/api/orders'
import { createPhoneApi, type PhoneApi } from './services/api/phone'
import { createStoresApi, type StoresApi } from './services/api/stores'
import { apiBaseUrl } from './services/env'
import { createPayments, type PaymentDeps, type Payments } from './services/payment'
import { openCashier } from './services/payment/request-payment'
import { systemClock } from './services/privacy/clock'
import { createPlatform } from './services/privacy/platform'
import { createPrivacyService, type PrivacyService } from './services/privacy/service'
import type { Clock, PrivacyPlatform } from './services/privacy/types'
import { createAccountSession, type AccountSession } from './services/session/account-session'
import { createSessionStore, type SessionStore } from './services/session/store'
import { taroStorage, type KeyValueStorage } from './services/storage'
import { createCartStore, type CartStore } from './store/cart'
import { createStoreChoice, type StoreChoice } from './store/store-choice'

/** What the root is built from: the platform's pieces. The app uses Taro's; tests pass fakes. */
export interface RootDeps {
  transport: Transport
  uploader: Uploader
  baseUrl: string
  storage: KeyValueStorage
  /** Wipes everything this app keeps on the device (delete-my-data, WX-DATA-1). */
  clearStorage(): void
  privacyPlatform: PrivacyPlatform
  clock: Clock
  openCashier: PaymentDeps['openCashier']
  /** Pause between payment confirmations; a test passes one that resolves at once. */
  wait(ms: number): Promise<void>
}

export interface AppRoot {
  http: HttpClient
  sessionStore: SessionStore
  privacy: PrivacyService
  cartStore: CartStore
  storeChoice: StoreChoice
  /** Login, logout, the login prompt (session.prompt) and delete-my-data. */
  session: AccountSession
  catalog: CatalogApi
  orders: OrdersApi
  account: AccountApi
  phone: PhoneApi
  stores: StoresApi
  payments: Payments
}

/** The platform pieces of a real build: Taro's request, upload, storage and privacy APIs. */
export function taroDeps(): RootDeps {
  return {
    transport: taroTransport,
    uploader: taroUploader,
    baseUrl: apiBaseUrl(),
    storage: taroStorage,
    clearStorage: () => Taro.clearStorageSync(),
    privacyPlatform: createPlatform(taroStorage),
    clock: systemClock,
    openCashier,
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
  const account = createAccountApi(http, { uploader: deps.uploader, baseUrl: deps.baseUrl, token: () => sessionStore.token() })
  const orders = createOrdersApi(http)
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
    http,
    sessionStore,
    privacy,
    cartStore,
    storeChoice: createStoreChoice(deps.storage),
    session,
    // The catalog needs no account: it gets its own client without the session's header.
    catalog: createCatalogApi({ transport: deps.transport, baseUrl: deps.baseUrl }),
    orders,
    account,
    phone: createPhoneApi(http),
    stores: createStoresApi(http),
    payments: createPayments({ api: orders, openCashier: deps.openCashier, wait: deps.wait }),
  }
}

/* eslint-disable import/no-mutable-exports -- live bindings: installAppRoot swaps them all at once */
export let http: HttpClient
export let sessionStore: SessionStore
export let privacy: PrivacyService
export let cartStore: CartStore
export let storeChoice: StoreChoice
export let session: AccountSession
export let catalog: CatalogApi
export let orders: OrdersApi
export let account: AccountApi
export let phone: PhoneApi
export let stores: StoresApi
export let payments: Payments
/* eslint-enable import/no-mutable-exports */

/** Makes `root` the app's singletons (the app does it once below; tests via test/utils/test-root.ts). */
export function installAppRoot(root: AppRoot): AppRoot {
  ;({ http, sessionStore, privacy, cartStore, storeChoice, session, catalog, orders, account, phone, stores, payments } = root)
  return root
}

installAppRoot(createAppRoot(taroDeps()))
