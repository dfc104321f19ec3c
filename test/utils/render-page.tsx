import { act, cleanup, render } from '@testing-library/react'
import type { ComponentType, ReactElement } from 'react'
import App from '@/app'
import { takePendingCategory } from '@/services/navigation'
import type { FakeBackend } from './fake-backend'
import { createFakeBackend } from './fake-backend'
import { taroFake } from './taro-api'
import './test-root'

export interface RenderPageOptions {
  /** The page path as in app.config, e.g. '/packageShop/product/index'. */
  path?: string
  /** Route query (useRouter().params). */
  params?: Record<string, string>
  /** The backend Taro.request talks to; a fresh fixture backend by default. Pass null for none. */
  backend?: FakeBackend | null
  /** Also mount the App component and fire its launch hook, as on a cold start. */
  launch?: boolean
}

/**
 * Renders a page the way Taro would show it: optional App launch, then the page mounts and gets
 * its first onShow. Network goes through the page's real Taro.request wiring into the fake backend.
 */
export async function renderPage(Page: ComponentType, options: RenderPageOptions = {}) {
  const backend = options.backend === undefined ? createFakeBackend() : options.backend
  taroFake.setRequestHandler(backend ? backend.taroRequest : null)
  taroFake.setRouter(options.path ?? '/pages/index/index', options.params ?? {})

  const page: ReactElement = <Page />
  const result = render(options.launch ? <App>{page}</App> : page)
  await act(async () => {
    if (options.launch) await taroFake.fire('launch')
    await taroFake.fire('load')
    await taroFake.fire('didShow')
  })

  return {
    ...result,
    backend,
    /** What the framework does when the user scrolls to the bottom of the page. */
    reachBottom: () => act(() => taroFake.fire('reachBottom')),
    pullDownRefresh: () => act(() => taroFake.fire('pullDownRefresh')),
    /** The page becomes visible again (tab switch back, navigateBack). */
    show: () => act(() => taroFake.fire('didShow')),
  }
}

/**
 * Each test gets a fresh composition root (./test-root); what lives outside it starts over too.
 * Unmount first so nothing re-reads the old storage before setup.ts clears it.
 */
afterEach(() => {
  cleanup()
  takePendingCategory()
})
