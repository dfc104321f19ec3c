/**
 * H5 renders the product grid's first screen first (src/hooks/use-after-first-paint.h5.ts): the
 * first commit holds FIRST_SCREEN_CARDS cards, the rest follow once the frame after it has been
 * painted. weapp (the unsuffixed hook, which Jest resolves) renders every card at once.
 */
import { act, render } from '@testing-library/react'
import ProductGrid, { FIRST_SCREEN_CARDS } from '@/components/product-grid'
import type { ProductSummary } from '@contract/schemas'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'

jest.mock('@/hooks/use-after-first-paint', () => ({ ...jest.requireActual<object>('@/hooks/use-after-first-paint.h5') }))

const products: ProductSummary[] = SEED_PRODUCTS.slice(0, 10).map((seed) => ({
  id: seed.id,
  name: seed.name,
  subtitle: seed.subtitle,
  categoryId: seed.categoryId,
  priceFen: seed.skus[0]?.priceFen ?? 0,
  originalPriceFen: seed.originalPriceFen,
  image: `/api/images/products/${seed.id}/0.png`,
  sales: seed.sales,
  stock: seed.skus.reduce((sum, sku) => sum + sku.stock, 0),
}))
const cardIds = () => Array.from(document.querySelectorAll('[data-product-id]')).map((card) => card.getAttribute('data-product-id'))

/** Animation frames the grid asked for, run by the test: the browser's next frame. */
let frames: FrameRequestCallback[] = []
beforeEach(() => {
  jest.useFakeTimers()
  frames = []
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback))
  jest.spyOn(window, 'cancelAnimationFrame').mockImplementation((id) => {
    frames[id - 1] = () => undefined
  })
})
afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})
const nextFrame = () => frames.splice(0).forEach((callback) => callback(performance.now()))

describe('product grid on H5: the first screen first', () => {
  it('commits the first two rows, then every card in order once the next frame has been painted', () => {
    const { unmount } = render(<ProductGrid products={products} />)
    expect(cardIds()).toEqual(products.slice(0, FIRST_SCREEN_CARDS).map((p) => p.id))
    expect(FIRST_SCREEN_CARDS).toBe(4)

    // The animation frame alone is not enough: the rest waits for the task after that frame's paint.
    act(() => jest.runOnlyPendingTimers())
    expect(cardIds()).toHaveLength(FIRST_SCREEN_CARDS)
    act(nextFrame)
    expect(cardIds()).toHaveLength(FIRST_SCREEN_CARDS)
    act(() => jest.runOnlyPendingTimers())
    expect(cardIds()).toEqual(products.map((p) => p.id))
    unmount()
  })

  it('a grid unmounted before its first paint schedules nothing more', () => {
    const first = render(<ProductGrid products={products} />)
    first.unmount()
    act(nextFrame)
    expect(jest.getTimerCount()).toBe(0)
    // Unmounted between the frame and the task after it: the task is cancelled too.
    const second = render(<ProductGrid products={products} />)
    act(nextFrame)
    expect(jest.getTimerCount()).toBe(1)
    second.unmount()
    expect(jest.getTimerCount()).toBe(0)
  })

  it('a list shorter than the first screen shows at once, and later pages append after it', () => {
    const { rerender } = render(<ProductGrid products={products.slice(0, 3)} />)
    expect(cardIds()).toHaveLength(3)
    act(nextFrame)
    act(() => jest.runAllTimers())
    rerender(<ProductGrid products={products} />)
    expect(cardIds()).toEqual(products.map((p) => p.id))
  })
})
