import { fireEvent, screen, within } from '@testing-library/react'
import { cartStore } from '@/app-root'
import ProductPage from '@/packageShop/product/index'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

const PATH = '/packageShop/product/index'
const chip = (name: string) => screen.getByText(name).closest('.sku-selector__chip') as HTMLElement
const priceText = () => document.querySelector('.product__price-row .price__now')?.textContent

describe('product detail as a visitor', () => {
  it('WX-LAUNCH-2: shows images, price from fen, struck original price and SKUs with stock', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p001' } })
    await screen.findByText('烟台红富士苹果')

    expect(document.querySelectorAll('.product-gallery img')).toHaveLength(2)
    expect(document.querySelector('.product-gallery img')?.getAttribute('src')).toBe('http://localhost:3030/api/images/products/p001/0.png')
    expect(priceText()).toBe('¥39.90')
    expect(document.querySelector('.product__price-row .price__original')?.textContent).toBe('¥49.90')
    // The first SKU in stock is preselected.
    expect(chip('5斤装').getAttribute('aria-selected')).toBe('true')
    screen.getByText('库存 12 件')
  })

  it('WX-LAUNCH-2: a sold-out SKU is disabled and cannot be chosen; choosing another updates price and stock', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p001' } })
    await screen.findByText('烟台红富士苹果')

    const soldOut = chip('10斤装')
    expect(soldOut.getAttribute('aria-disabled')).toBe('true')
    within(soldOut).getByText('已售罄')
    fireEvent.click(soldOut)
    expect(soldOut.getAttribute('aria-selected')).toBe('false')
    expect(priceText()).toBe('¥39.90')

    fireEvent.click(chip('礼盒装'))
    expect(chip('礼盒装').getAttribute('aria-selected')).toBe('true')
    expect(priceText()).toBe('¥99.00')
    screen.getByText('库存 3 件')
  })

  it('WX-LAUNCH-2: quantity stops at the SKU stock, and 加入购物车 adds it with a toast (no login)', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p001' } })
    await screen.findByText('烟台红富士苹果')
    fireEvent.click(chip('礼盒装'))

    const plus = screen.getByLabelText('增加数量')
    for (let i = 0; i < 5; i += 1) fireEvent.click(plus)
    expect(screen.getByTestId('quantity').textContent).toBe('3')
    expect(plus.getAttribute('aria-disabled')).toBe('true')

    fireEvent.click(screen.getByText('加入购物车'))
    expect(taroFake.toasts()).toEqual(['已加入购物车'])
    expect(cartStore.getSnapshot().lines).toEqual([
      expect.objectContaining({ productId: 'p001', skuId: 'p001-gift', skuName: '礼盒装', priceFen: 9900, quantity: 3, stock: 3 }),
    ])
    expect(document.querySelector('.buy-bar__badge')?.textContent).toBe('3')

    // Adding more than the stock allows is capped and explained.
    fireEvent.click(screen.getByText('加入购物车'))
    expect(taroFake.toasts()[1]).toBe('库存有限，购物车中已有 3 件')
    expect(cartStore.getSnapshot().count).toBe(3)

    fireEvent.click(screen.getByText('去购物车'))
    expect(taroFake.callsTo('switchTab')[0]?.args[0]).toMatchObject({ url: '/pages/cart/index' })
    expect(taroFake.apiNames()).not.toContain('login')
  })

  it('a product whose SKUs are all sold out cannot be added', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p003' } })
    await screen.findByText('赣南脐橙')
    screen.getByText('暂时缺货')
    const button = screen.getByText('已售罄', { selector: '.buy-bar__add' })
    fireEvent.click(button)
    expect(cartStore.getSnapshot().count).toBe(0)
    expect(taroFake.toasts()).toEqual([])
  })

  it('an unknown product shows an error state with 重试, not a blank page', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p999' } })
    await screen.findByText('内容不存在或已下架')
    screen.getByText('重试')
  })

  it('a missing id parameter shows the same error state without calling the server', async () => {
    const { backend } = await renderPage(ProductPage, { path: PATH, params: {} })
    await screen.findByText('内容不存在或已下架')
    expect(backend?.requests).toEqual([])
  })
})
