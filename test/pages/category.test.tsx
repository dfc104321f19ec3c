import { fireEvent, screen, waitFor } from '@testing-library/react'
import CategoryPage from '@/pages/category/index'
import { productById } from '../utils/fixtures'
import { renderPage } from '../utils/render-page'

/** The names of the product cards (the page's one list), in order. */
const names = () => Array.from(document.querySelectorAll('[data-product-id]'), (card) => productById(card.getAttribute('data-product-id') ?? '').name)
// The one CSS-class query left: Taro's H5 ScrollView drops id, data-* and role, and this scroll
// container is what fires onScrollToLower.
const list = () => document.querySelector('.category__list') as HTMLElement

describe('category page (分类) as a visitor', () => {
  it('WX-LAUNCH-2: lists categories and the products of the selected one', async () => {
    const { backend } = await renderPage(CategoryPage, { path: '/pages/category/index' })
    await screen.findByText('烟台红富士苹果')
    expect(screen.getByText('新鲜水果').closest('[aria-selected]')).toHaveAttribute('aria-selected', 'true')
    expect(names()).toHaveLength(10)

    fireEvent.click(screen.getByText('酒水饮料'))
    await waitFor(() => expect(names()).toEqual(['冷萃咖啡', '鲜榨橙汁', '无糖乌龙茶', '苏打气泡水']))
    screen.getByText('— 没有更多了 —')
    expect(backend?.requests).toContain('GET /api/products?categoryId=drinks&sort=default&page=1&pageSize=10')
  })

  it('WX-LAUNCH-2: sorts by sales and by price both ways', async () => {
    const { backend } = await renderPage(CategoryPage, { path: '/pages/category/index' })
    await screen.findByText('烟台红富士苹果')
    fireEvent.click(screen.getByText('酒水饮料'))
    await screen.findByText('冷萃咖啡')

    fireEvent.click(screen.getByText('价格↑'))
    await waitFor(() => expect(names()[0]).toBe('冷萃咖啡'))
    fireEvent.click(screen.getByText('价格↑'))
    await waitFor(() => expect(names()[0]).toBe('苏打气泡水'))
    screen.getByText('价格↓')
    fireEvent.click(screen.getByText('销量'))
    await waitFor(() => expect(names()[0]).toBe('冷萃咖啡'))
    expect(backend?.requests.filter((r) => r.includes('categoryId=drinks')).map((r) => new URLSearchParams(r.split('?')[1]).get('sort'))).toEqual([
      'default',
      'price_asc',
      'price_desc',
      'sales',
    ])
  })

  it('loads more when the product list is scrolled to its end', async () => {
    await renderPage(CategoryPage, { path: '/pages/category/index' })
    await screen.findByText('烟台红富士苹果')
    fireEvent.scroll(list())
    await waitFor(() => expect(names()).toHaveLength(12))
  })

  it('shows an empty state for a category without products', async () => {
    await renderPage(CategoryPage, { path: '/pages/category/index' })
    fireEvent.click(await screen.findByText('敬请期待'))
    await screen.findByText('该分类暂无商品')
  })
})
