/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 首页 against the real server (seeded demo catalog): its paging, its categories, its 404s.
 * Only the network faults (offline, a scripted empty shop) are fakes.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import CategoryPage from '@/pages/category/index'
import HomePage from '@/pages/index/index'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const server = openServerForFile()
const cards = () => document.querySelectorAll('[data-product-id]')
const FIRST = SEED_PRODUCTS[0]?.name ?? ''
const FIRST_SNACK = SEED_PRODUCTS.find((p) => p.categoryId === 'snacks')?.name ?? ''

describe('home page (首页) as a visitor', () => {
  it('WX-LAUNCH-2: loads the next page on reach bottom until 没有更多了', async () => {
    const backend = server()
    const { reachBottom } = await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    expect(cards()).toHaveLength(10)
    screen.getByText('上拉加载更多')

    // The server's 36 demo products, 10 a page.
    for (const expected of [20, 30, SEED_PRODUCTS.length]) {
      await reachBottom()
      await waitFor(() => expect(cards()).toHaveLength(expected))
    }
    screen.getByText('— 没有更多了 —')

    // At the end, reaching the bottom again asks for nothing.
    const before = backend.requests.length
    await reachBottom()
    expect(backend.requests).toHaveLength(before)
  })

  it('pull-down refresh reloads page 1, keeps the list on screen and stops the spinner', async () => {
    const backend = server()
    const { pullDownRefresh } = await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    await pullDownRefresh()
    expect(backend.requests.filter((r) => r.startsWith('GET /api/products'))).toHaveLength(2)
    expect(taroFake.callsTo('stopPullDownRefresh')).toHaveLength(1)
    expect(cards()).toHaveLength(10)
    // The category shortcuts stay on screen while they refresh (no loading flash).
    screen.getByText('新鲜水果')
  })

  it('a failed pull-down refresh keeps the products and says so in a toast', async () => {
    const backend = server()
    const { pullDownRefresh } = await renderPage(HomePage, { backend })
    await screen.findByText(FIRST)
    backend.offline = true
    await pullDownRefresh()
    expect(cards()).toHaveLength(10)
    screen.getByText('新鲜水果')
    expect(taroFake.toasts()).toEqual(['网络不给力，请检查网络后重试'])
    expect(taroFake.callsTo('stopPullDownRefresh')).toHaveLength(1)
  })

  it('opens the product detail from a card and the search page from the search bar', async () => {
    await renderPage(HomePage, { backend: server() })
    fireEvent.click(await screen.findByText(FIRST))
    fireEvent.click(screen.getByText('搜索商品'))
    expect(taroFake.callsTo('navigateTo').map((c) => (c.args[0] as { url: string }).url)).toEqual([
      `/packageShop/product/index?id=${SEED_PRODUCTS[0]?.id}`,
      '/packageShop/search/index',
    ])
  })

  it('a category shortcut switches to the 分类 tab with that category selected', async () => {
    const backend = server()
    const home = await renderPage(HomePage, { backend })
    fireEvent.click(await screen.findByText('休闲零食'))
    expect(taroFake.callsTo('switchTab').map((c) => (c.args[0] as { url: string }).url)).toEqual(['/pages/category/index'])
    home.unmount()

    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    await screen.findByText(FIRST_SNACK)
    expect(screen.getByText('休闲零食').closest('[aria-selected]')).toHaveAttribute('aria-selected', 'true')
  })

  it('shows an empty state when the shop has no products', async () => {
    const backend = server()
    backend.respond('/api/products', { status: 200, body: { items: [], page: 1, pageSize: 10, total: 0 } })
    await renderPage(HomePage, { backend })
    await screen.findByText('暂无商品')
  })
})
