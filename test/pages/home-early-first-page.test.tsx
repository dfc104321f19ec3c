/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * H5's early start of the home page's first products (src/pages/index/early-first-page.h5.ts):
 * requested while the app boots when index.html preloaded them, so 首页's first render shows them.
 * Jest resolves the weapp file (a no-op) for the page; here the page gets the H5 one, against the
 * real server.
 */
import { fireEvent, screen } from '@testing-library/react'
import HomePage from '@/pages/index/index'
import { startHomeFirstPage, takeHomeFirstPage } from '@/pages/index/early-first-page.h5'
import { HOME_FIRST_PAGE_URL } from '@/pages/index/first-page'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { renderPage } from '../utils/render-page'
import { openServerForFile, type ServerBackend } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

// A plain copy: compiled ES modules export read-only getters, which jest.spyOn cannot replace.
jest.mock('@/pages/index/early-first-page', () => ({ ...jest.requireActual<object>('@/pages/index/early-first-page.h5') }))

const server = openServerForFile()
const cards = () => document.querySelectorAll('[data-product-id]')
const FIRST = SEED_PRODUCTS[0]?.name ?? ''
const productRequests = (backend: ServerBackend) => backend.requests.filter((request) => request.startsWith('GET /api/products'))

/** What index.html adds when the app is opened on 首页. */
function preloadLink(href = HOME_FIRST_PAGE_URL): void {
  const link = document.createElement('link')
  // Attributes: jsdom does not reflect the `as` property.
  link.setAttribute('rel', 'preload')
  link.setAttribute('as', 'fetch')
  link.setAttribute('href', href)
  document.head.appendChild(link)
}

/** The app boots: the device's network is up before app.ts runs. */
async function boot(backend: ServerBackend): Promise<void> {
  taroFake.setRequestHandler(backend.taroRequest)
  startHomeFirstPage()
  await Promise.resolve()
}

afterEach(() => {
  document.head.innerHTML = ''
  takeHomeFirstPage()
})

describe('首页 on H5: the first products requested while the app boots', () => {
  it('when index.html preloaded them, the first render already shows them, from one request', async () => {
    preloadLink()
    const backend = server()
    await boot(backend)
    const early = takeHomeFirstPage()
    if (!early) throw new Error('the early request did not start')
    await early.promise
    // Hand the settled request back, as if the app had booted and the page was mounting now.
    jest.spyOn(jest.requireMock<{ takeHomeFirstPage: () => unknown }>('@/pages/index/early-first-page'), 'takeHomeFirstPage').mockReturnValueOnce(early)

    await renderPage(HomePage, { backend })
    expect(cards()).toHaveLength(10)
    expect(document.querySelector('[data-state="loading"]')).toBeNull()
    expect(productRequests(backend)).toEqual([`GET ${HOME_FIRST_PAGE_URL}`])
  })

  it('when the page mounts before the answer is in, it shows loading and then the same answer (no second request)', async () => {
    preloadLink()
    const backend = server()
    await boot(backend)
    expect(productRequests(backend)).toEqual([`GET ${HOME_FIRST_PAGE_URL}`])
    await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    expect(cards()).toHaveLength(10)
    expect(productRequests(backend)).toEqual([`GET ${HOME_FIRST_PAGE_URL}`])
  })

  it('a deep link (no preload in index.html) starts nothing; the page asks when it mounts', async () => {
    preloadLink('/api/something-else')
    const backend = server()
    await boot(backend)
    expect(backend.requests).toEqual([])
    expect(takeHomeFirstPage()).toBeUndefined()
    await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    expect(productRequests(backend)).toEqual([`GET ${HOME_FIRST_PAGE_URL}`])
  })

  it('an early request that failed shows the error with 重试, and 重试 asks the server again', async () => {
    preloadLink()
    const backend = server()
    backend.offline = true
    await boot(backend)
    await renderPage(HomePage, { backend })
    await screen.findByText('网络不给力，请检查网络后重试')
    backend.offline = false
    // The offline answer fails the category shortcuts too: the products' 重试 is the last one.
    fireEvent.click(screen.getAllByText('重试').at(-1) as HTMLElement)
    await screen.findByText(FIRST)
    // The early request (failed) and 重试's.
    expect(productRequests(backend)).toHaveLength(2)
  })

  it('is handed out once: a home page opened later asks the server itself', async () => {
    preloadLink()
    const backend = server()
    await boot(backend)
    expect(productRequests(backend)).toHaveLength(1)
    const first = await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    first.unmount()
    await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    expect(productRequests(backend)).toHaveLength(2)
  })
})
