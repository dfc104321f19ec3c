/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 搜索 against the real server's search (name, subtitle and category name of the seeded catalog).
 * Only a server refusal the client never provokes (a 400 for a capped keyword) is scripted.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import SearchPage from '@/packageShop/search/index'
import { RECENT_SEARCHES_KEY } from '@/state/recent-searches'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const server = openServerForFile()
const nameOf = (id: string | null) => SEED_PRODUCTS.find((p) => p.id === id)?.name
const DRINKS = SEED_PRODUCTS.filter((p) => p.categoryId === 'drinks')

const PATH = '/packageShop/search/index'

function input(): HTMLInputElement {
  return screen.getByPlaceholderText<HTMLInputElement>('搜索商品名称')
}

/** Types into the real Taro Input and presses the keyboard's search key (onConfirm). */
function searchFor(text: string) {
  fireEvent.input(input(), { target: { value: text } })
  fireEvent.keyDown(input(), { keyCode: 13, key: 'Enter' })
}

/** The names of the product cards in the results, in order. */
const resultNames = () =>
  Array.from(screen.queryByTestId('search-results')?.querySelectorAll('[data-product-id]') ?? [], (card) => nameOf(card.getAttribute('data-product-id')))

describe('search as a visitor', () => {
  it('WX-LAUNCH-2: shows results for a keyword and remembers it', async () => {
    const { backend } = await renderPage(SearchPage, { path: PATH, backend: server() })
    searchFor('  苹果 ')
    await waitFor(() => expect(resultNames()).toEqual(['烟台红富士苹果']))
    expect(input().value).toBe('苹果')
    expect(backend?.requests).toEqual([`GET /api/search?q=${encodeURIComponent('苹果')}&sort=default&page=1&pageSize=10`])
    expect(JSON.parse(String(taroFake.storage.get(RECENT_SEARCHES_KEY)))).toEqual(['苹果'])
  })

  it('WX-LAUNCH-2: the 搜索 button searches too, and a category name matches its products', async () => {
    await renderPage(SearchPage, { path: PATH, backend: server() })
    fireEvent.input(input(), { target: { value: '酒水' } })
    fireEvent.click(screen.getByText('搜索'))
    await waitFor(() => expect(resultNames()).toHaveLength(DRINKS.length))
    expect(new Set(resultNames())).toEqual(new Set(DRINKS.map((p) => p.name)))
  })

  it('WX-LAUNCH-2: shows a no-results state', async () => {
    await renderPage(SearchPage, { path: PATH, backend: server() })
    searchFor('火箭')
    await screen.findByText('没有找到与「火箭」相关的商品')
    screen.getByText('换个关键词试试')
  })

  it('WX-LAUNCH-2: bad input (blank or whitespace) shows a hint and sends nothing', async () => {
    const { backend } = await renderPage(SearchPage, { path: PATH, backend: server() })
    searchFor('   \t ')
    screen.getByText('请输入要搜索的商品名称')
    fireEvent.click(screen.getByText('搜索'))
    expect(backend?.requests).toEqual([])
    // Typing again clears the hint.
    fireEvent.input(input(), { target: { value: '梨' } })
    expect(screen.queryByText('请输入要搜索的商品名称')).toBeNull()
  })

  it('caps an over-long keyword at the server limit instead of getting a 400', async () => {
    const { backend } = await renderPage(SearchPage, { path: PATH, backend: server() })
    searchFor('果'.repeat(60))
    await screen.findByText(/没有找到与/)
    expect(new URLSearchParams(backend?.requests[0]?.split('?')[1]).get('q')).toBe('果'.repeat(40))
  })

  it('shows the server error with 重试 when the server rejects the query', async () => {
    const { backend } = await renderPage(SearchPage, { path: PATH, backend: server() })
    // The client caps the keyword, so this server never refuses it: the refusal is scripted.
    backend!.respond('/api/search', { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'q must be 1 to 40 characters' } } })
    searchFor('苹果')
    await screen.findByText('请求出错了，请稍后重试')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(resultNames()).toEqual(['烟台红富士苹果']))
  })

  it('lists recent searches from storage; tapping one searches it; 清空 removes them', async () => {
    taroFake.storage.set(RECENT_SEARCHES_KEY, JSON.stringify(['芒果', '坚果']))
    await renderPage(SearchPage, { path: PATH, backend: server() })
    screen.getByText('最近搜索')

    fireEvent.click(screen.getByText('坚果'))
    await waitFor(() => expect(resultNames()).toEqual(['每日坚果 混合装']))
    expect(JSON.parse(String(taroFake.storage.get(RECENT_SEARCHES_KEY)))).toEqual(['坚果', '芒果'])
  })

  it('清空 clears the recent searches', async () => {
    taroFake.storage.set(RECENT_SEARCHES_KEY, JSON.stringify(['芒果']))
    await renderPage(SearchPage, { path: PATH, backend: server() })
    fireEvent.click(screen.getByText('清空'))
    expect(screen.queryByText('最近搜索')).toBeNull()
    expect(taroFake.storage.has(RECENT_SEARCHES_KEY)).toBe(false)
  })
})
