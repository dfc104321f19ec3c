/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * Network faults, timeouts and malformed bodies (the only fakes: the device's scripted network) in
 * front of the real server, whose catalog every retry then loads.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import CartPage from '@/pages/cart/index'
import CategoryPage from '@/pages/category/index'
import HomePage from '@/pages/index/index'
import ProductPage from '@/packageShop/product/index'
import SearchPage from '@/packageShop/search/index'
import { CART_STORAGE_KEY } from '@/state/cart'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const server = openServerForFile()
const FIRST = SEED_PRODUCTS[0]
if (!FIRST) throw new Error('seed data missing')
const NETWORK = '网络不给力，请检查网络后重试'
const MALFORMED = '数据加载异常，请稍后重试'

function errorState(): HTMLElement {
  const el = document.querySelector('[data-state="error"]')
  if (!(el instanceof HTMLElement)) throw new Error('no error state on screen')
  return el
}

describe('network down → error state with 重试 → retry succeeds', () => {
  it('home', async () => {
    const backend = server()
    backend.offline = true
    await renderPage(HomePage, { backend })
    await screen.findByText(NETWORK)
    // Both sections say what happened and offer a retry; the page is never blank.
    screen.getByText('分类加载失败')
    expect(screen.getAllByText('重试')).toHaveLength(2)

    backend.offline = false
    const productsError = screen.getByText(NETWORK).closest('[data-state="error"]') as HTMLElement
    fireEvent.click(within(productsError).getByText('重试'))
    await screen.findByText(FIRST.name)
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('新鲜水果')
    expect(document.querySelector('[data-state="error"]')).toBeNull()
  })

  it('category: the category list and then the product list', async () => {
    const backend = server()
    backend.offline = true
    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    await screen.findByText(NETWORK)

    backend.offline = false
    backend.respond('/api/products', 'network')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('新鲜水果')
    await screen.findByText(NETWORK)

    fireEvent.click(screen.getByText('重试'))
    await screen.findByText(FIRST.name)
  })

  it('product detail, after a timeout', async () => {
    const backend = server()
    backend.respond(/^\/api\/products\//, 'timeout')
    await renderPage(ProductPage, { path: '/packageShop/product/index', params: { id: FIRST.id }, backend })
    await screen.findByText('请求超时，请稍后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText(FIRST.name)
  })

  it('search', async () => {
    const backend = server()
    backend.offline = true
    await renderPage(SearchPage, { path: '/packageShop/search/index', backend })
    fireEvent.input(screen.getByPlaceholderText('搜索商品名称'), { target: { value: FIRST.name } })
    fireEvent.click(screen.getByText('搜索'))
    await screen.findByText(NETWORK)
    backend.offline = false
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText(FIRST.name)
  })

  it('a failed next page keeps the list and retries from the footer', async () => {
    const backend = server()
    const { container, reachBottom } = await renderPage(HomePage, { backend })
    await screen.findByText(FIRST.name)
    backend.offline = true
    await reachBottom()
    await screen.findByText('加载失败，点击重试')
    expect(container.querySelectorAll('[data-product-id]')).toHaveLength(10)

    backend.offline = false
    fireEvent.click(screen.getByText('加载失败，点击重试'))
    await waitFor(() => expect(container.querySelectorAll('[data-product-id]')).toHaveLength(20))
  })
})

describe('malformed responses → error state, never a crash', () => {
  it('home: a product page whose items are not products', async () => {
    const backend = server()
    backend.respond('/api/products', { status: 200, body: { items: [{ id: 'p001', name: null }], page: 1, pageSize: 10, total: 1 } })
    await renderPage(HomePage, { backend })
    await screen.findByText(MALFORMED)
    fireEvent.click(within(errorState()).getByText('重试'))
    await screen.findByText(FIRST.name)
  })

  it('product detail: an HTML body where JSON was expected', async () => {
    const backend = server()
    backend.respond(/^\/api\/products\//, { status: 200, body: '<!doctype html><title>portal</title>' })
    await renderPage(ProductPage, { path: '/packageShop/product/index', params: { id: FIRST.id }, backend })
    await screen.findByText(MALFORMED)
    screen.getByText('重试')
  })

  it('category: a categories body without items', async () => {
    const backend = server()
    backend.respond('/api/categories', { status: 200, body: { data: [] } })
    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    await screen.findByText(MALFORMED)
  })
})

describe('corrupt stored data', () => {
  it.each([
    ['broken JSON', '{"lines":[{"productId":"p001",'],
    ['a foreign value', 12345],
    ['a wrong shape', JSON.stringify({ lines: 'none' })],
  ])('corrupt cart storage (%s) → an empty cart, no crash', async (_label, raw) => {
    taroFake.storage.set(CART_STORAGE_KEY, raw)
    await renderPage(CartPage, { path: '/pages/cart/index', backend: null })
    screen.getByText('购物车还是空的')
  })
})
