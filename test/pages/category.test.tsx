/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 分类 against the real server's seeded catalog: its categories, its sorting and paging. What the
 * seed does not have (a category with a second page, an empty category) is added to the file's
 * test database with SQL, as a shop owner's back office would; the catalog cache sees the change
 * through the catalog-version triggers.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { FastifyInstance } from 'fastify'
import CategoryPage from '@/pages/category/index'
import type { ProductPage, ProductSort } from '@contract/schemas'
import { SEED_CATEGORIES } from '../../server/src/seed/catalog-data'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'

const server = openServerForFile()

/** The product ids on the page's one list, in order. */
const shown = () => Array.from(document.querySelectorAll('[data-product-id]'), (card) => card.getAttribute('data-product-id'))
// The one CSS-class query left: Taro's H5 ScrollView drops id, data-* and role, and this scroll
// container is what fires onScrollToLower.
const list = () => document.querySelector('.category__list') as HTMLElement

async function serverPage(app: FastifyInstance, categoryId: string, sort: ProductSort): Promise<ProductPage> {
  const response = await app.inject({ url: `/api/products?categoryId=${categoryId}&sort=${sort}&page=1&pageSize=10` })
  return response.json<ProductPage>()
}

const FIRST = SEED_CATEGORIES[0]
const DRINKS = SEED_CATEGORIES.find((category) => category.id === 'drinks')

describe('category page (分类) as a visitor', () => {
  it('WX-LAUNCH-2: lists categories and the products of the selected one', async () => {
    const backend = server()
    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    const first = await serverPage(backend.app, FIRST?.id ?? '', 'default')
    await waitFor(() => expect(shown()).toEqual(first.items.map((item) => item.id)))
    expect(screen.getByText(FIRST?.name ?? '').closest('[aria-selected]')).toHaveAttribute('aria-selected', 'true')

    fireEvent.click(screen.getByText(DRINKS?.name ?? ''))
    const drinks = await serverPage(backend.app, 'drinks', 'default')
    await waitFor(() => expect(shown()).toEqual(drinks.items.map((item) => item.id)))
    expect(drinks.total).toBe(drinks.items.length)
    screen.getByText('— 没有更多了 —')
    expect(backend.requests).toContain('GET /api/products?categoryId=drinks&sort=default&page=1&pageSize=10')
  })

  it('WX-LAUNCH-2: sorts by sales and by price both ways, in the server’s order', async () => {
    const backend = server()
    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    fireEvent.click(await screen.findByText(DRINKS?.name ?? ''))
    const byDefault = await serverPage(backend.app, 'drinks', 'default')
    await waitFor(() => expect(shown()).toEqual(byDefault.items.map((item) => item.id)))

    const expectOrder = async (sort: ProductSort) => {
      const answer = await serverPage(backend.app, 'drinks', sort)
      await waitFor(() => expect(shown()).toEqual(answer.items.map((item) => item.id)))
      return answer.items
    }
    fireEvent.click(screen.getByText('价格↑'))
    const ascending = await expectOrder('price_asc')
    fireEvent.click(screen.getByText('价格↑'))
    const descending = await expectOrder('price_desc')
    screen.getByText('价格↓')
    fireEvent.click(screen.getByText('销量'))
    await expectOrder('sales')
    // The orders differ, so the page really re-sorted (the drinks have different prices).
    expect(ascending.map((item) => item.priceFen)).toEqual([...ascending.map((item) => item.priceFen)].sort((a, b) => a - b))
    expect(descending.map((item) => item.id)).not.toEqual(ascending.map((item) => item.id))
    expect(backend.requests.filter((r) => r.includes('categoryId=drinks')).map((r) => new URLSearchParams(r.split('?')[1]).get('sort'))).toEqual([
      'default',
      'price_asc',
      'price_desc',
      'sales',
    ])
  })

  it('loads more when the product list is scrolled to its end', async () => {
    const backend = server()
    // Six more products in the first category: more than one page of 10.
    for (let i = 1; i <= 6; i += 1) {
      const id = `page-two-${i}`
      await backend.db.query('insert into products (id, category_id, name, sort_order) values ($1, $2, $3, $4)', [id, FIRST?.id, `第二页商品${i}`, 1000 + i])
      await backend.db.query('insert into skus (id, product_id, name, price_fen, stock) values ($1, $2, $3, $4, $5)', [`${id}-s`, id, '标准装', 990, 5])
    }
    const firstPage = await serverPage(backend.app, FIRST?.id ?? '', 'default')
    expect(firstPage.total).toBeGreaterThan(10)

    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    await waitFor(() => expect(shown()).toHaveLength(10))
    fireEvent.scroll(list())
    await waitFor(() => expect(shown()).toHaveLength(firstPage.total))
    expect(shown()).toContain('page-two-6')
    expect(backend.requests).toContain(`GET /api/products?categoryId=${FIRST?.id ?? ''}&sort=default&page=2&pageSize=10`)
  })

  it('shows an empty state for a category without products', async () => {
    const backend = server()
    await backend.db.query("insert into categories (id, name, sort_order) values ('coming-soon', '敬请期待', 999)")
    await renderPage(CategoryPage, { path: '/pages/category/index', backend })
    fireEvent.click(await screen.findByText('敬请期待'))
    await screen.findByText('该分类暂无商品')
  })
})
