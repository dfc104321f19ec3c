import { fireEvent, screen, waitFor } from '@testing-library/react'
import CategoryPage from '@/pages/category/index'
import HomePage from '@/pages/index/index'
import { HOME_FIRST_PAGE_URL } from '@/pages/index/first-page'
import { createFakeBackend } from '../utils/fake-backend'
import { renderPage } from '../utils/render-page'
import { storeSession } from '../utils/session'
import { taroFake } from '../utils/taro-api'

const cards = (root: HTMLElement) => root.querySelectorAll('.product-card')

describe('home page (首页) as a visitor', () => {
  it("its first products request is the URL index.html preloads on H5, without any credential, even for a member", async () => {
    storeSession()
    const { backend } = await renderPage(HomePage)
    await screen.findByText('烟台红富士苹果')
    const productCalls = backend?.calls.filter((call) => call.path === '/api/products') ?? []
    expect(backend?.requests.find((r) => r.startsWith('GET /api/products'))).toBe(`GET ${HOME_FIRST_PAGE_URL}`)
    // The browser hands the preloaded answer only to an identical request: no token, nothing personal.
    expect(productCalls[0]?.headers).toEqual({})
    expect(HOME_FIRST_PAGE_URL).toBe('/api/products?sort=default&page=1&pageSize=10')
  })

  it('WX-LAUNCH-2: loads the next page on reach bottom until 没有更多了', async () => {
    const { container, reachBottom, backend } = await renderPage(HomePage)
    await screen.findByText('烟台红富士苹果')
    expect(screen.getByText('上拉加载更多')).toBeTruthy()

    await reachBottom()
    await waitFor(() => expect(cards(container)).toHaveLength(20))
    await reachBottom()
    await waitFor(() => expect(cards(container)).toHaveLength(24))
    expect(screen.getByText('— 没有更多了 —')).toBeTruthy()

    // At the end, reaching the bottom again asks for nothing.
    const before = backend?.requests.length
    await reachBottom()
    expect(backend?.requests.length).toBe(before)
  })

  it('pull-down refresh reloads page 1, keeps the list on screen and stops the spinner', async () => {
    const { container, pullDownRefresh, backend } = await renderPage(HomePage)
    await screen.findByText('烟台红富士苹果')
    await pullDownRefresh()
    expect(backend?.requests.filter((r) => r.startsWith('GET /api/products'))).toHaveLength(2)
    expect(taroFake.callsTo('stopPullDownRefresh')).toHaveLength(1)
    expect(cards(container)).toHaveLength(10)
    // The category shortcuts stay on screen while they refresh (no loading flash).
    expect(screen.getByText('新鲜水果')).toBeTruthy()
  })

  it('a failed pull-down refresh keeps the products and says so in a toast', async () => {
    const { container, pullDownRefresh, backend } = await renderPage(HomePage)
    await screen.findByText('烟台红富士苹果')
    backend!.offline = true
    await pullDownRefresh()
    expect(cards(container)).toHaveLength(10)
    expect(screen.getByText('新鲜水果')).toBeTruthy()
    expect(taroFake.toasts()).toEqual(['网络不给力，请检查网络后重试'])
    expect(taroFake.callsTo('stopPullDownRefresh')).toHaveLength(1)
  })

  it('opens the product detail from a card and the search page from the search bar', async () => {
    await renderPage(HomePage)
    fireEvent.click(await screen.findByText('烟台红富士苹果'))
    fireEvent.click(screen.getByText('搜索商品'))
    expect(taroFake.callsTo('navigateTo').map((c) => (c.args[0] as { url: string }).url)).toEqual([
      '/packageShop/product/index?id=p001',
      '/packageShop/search/index',
    ])
  })

  it('a category shortcut switches to the 分类 tab with that category selected', async () => {
    const backend = createFakeBackend()
    const home = await renderPage(HomePage, { backend })
    fireEvent.click(await screen.findByText('休闲零食'))
    expect(taroFake.callsTo('switchTab').map((c) => (c.args[0] as { url: string }).url)).toEqual(['/pages/category/index'])
    home.unmount()

    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    expect(await screen.findByText('手撕牛肉干')).toBeTruthy()
    expect(document.querySelector('.category__nav-item.is-active')?.textContent).toBe('休闲零食')
  })

  it('shows an empty state when the shop has no products', async () => {
    const backend = createFakeBackend()
    backend.respond('/api/products', { status: 200, body: { items: [], page: 1, pageSize: 10, total: 0 } })
    await renderPage(HomePage, { backend })
    expect(await screen.findByText('暂无商品')).toBeTruthy()
  })
})
