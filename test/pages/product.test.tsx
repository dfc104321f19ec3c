/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * 商品详情 against the real server's seeded catalog: 海南金煌芒果 (p003) has a sold-out SKU,
 * 阳光玫瑰青提 (p005) is sold out entirely, 丹东草莓 (p004) has a SKU with little stock.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { cartStore, catalog } from '@/app-root'
import ProductPage from '@/packageShop/product/index'
import type { ProductDetail } from '@contract/schemas'
import { formatFen } from '@/utils/money'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const server = openServerForFile()
const PATH = '/packageShop/product/index'
const chip = (name: string) => screen.getByText(name).closest('[aria-selected]') as HTMLElement
/** The current price (the struck original price, when there is one, follows it). */
const priceText = () => screen.getByTestId('product-price').textContent?.match(/^¥[\d.]+/)?.[0]
const yuan = (fen: number) => `¥${formatFen(fen)}`

/** The product as the server has it. */
async function productOnServer(id: string): Promise<ProductDetail> {
  return (await server().app.inject({ method: 'GET', url: `/api/products/${id}` })).json<ProductDetail>()
}
function skuNamed(product: ProductDetail, has: (stock: number) => boolean) {
  const sku = product.skus.find((s) => has(s.stock))
  if (!sku) throw new Error(`${product.id}: no such SKU in the seed`)
  return sku
}

async function open(id: string) {
  const product = await productOnServer(id)
  const page = await renderPage(ProductPage, { path: PATH, params: { id }, backend: server() })
  await screen.findByText(product.name)
  return { ...page, product }
}

describe('product detail as a visitor', () => {
  it('WX-LAUNCH-2: shows images, price from fen, struck original price and SKUs with stock', async () => {
    const { product } = await open('p003')
    const first = skuNamed(product, (stock) => stock > 0)

    const images = within(screen.getByTestId('product-gallery')).getAllByRole('img')
    expect(images).toHaveLength(product.images.length)
    expect(images[0]).toHaveAttribute('src', catalog.imageUrl(product.images[0] ?? ''))
    expect(priceText()).toBe(yuan(first.priceFen))
    // The struck original price follows the current one.
    expect(product.originalPriceFen).not.toBeNull()
    expect(screen.getByTestId('product-price')).toHaveTextContent(`${yuan(first.priceFen)}${yuan(product.originalPriceFen ?? 0)}`)
    // The first SKU in stock is preselected.
    expect(chip(first.name)).toHaveAttribute('aria-selected', 'true')
    screen.getByText(`库存 ${first.stock} 件`)
  })

  it('WX-LAUNCH-2: a sold-out SKU is disabled and cannot be chosen; choosing another updates price and stock', async () => {
    const { product } = await open('p003')
    const inStock = skuNamed(product, (stock) => stock > 0)
    const soldOutSku = skuNamed(product, (stock) => stock === 0)

    const soldOut = chip(soldOutSku.name)
    expect(soldOut).toHaveAttribute('aria-disabled', 'true')
    within(soldOut).getByText('已售罄')
    fireEvent.click(soldOut)
    expect(soldOut).toHaveAttribute('aria-selected', 'false')
    expect(priceText()).toBe(yuan(inStock.priceFen))

    // 丹东草莓 has two SKUs in stock: choosing the other one updates price and stock.
    cleanup()
    const strawberry = await open('p004')
    const other = strawberry.product.skus[1]
    if (!other || other.stock === 0) throw new Error('p004: two SKUs in stock expected in the seed')
    fireEvent.click(chip(other.name))
    expect(chip(other.name)).toHaveAttribute('aria-selected', 'true')
    expect(priceText()).toBe(yuan(other.priceFen))
    screen.getByText(`库存 ${other.stock} 件`)
  })

  it('WX-LAUNCH-2: quantity stops at the SKU stock, and 加入购物车 adds it with a toast (no login)', async () => {
    const { product } = await open('p004')
    // The SKU with the least stock, chosen by the shopper.
    const small = [...product.skus].sort((a, b) => a.stock - b.stock)[0]
    if (!small || small.stock < 2) throw new Error('p004: a SKU with a little stock expected in the seed')
    fireEvent.click(chip(small.name))
    expect(chip(small.name)).toHaveAttribute('aria-selected', 'true')
    expect(priceText()).toBe(yuan(small.priceFen))
    screen.getByText(`库存 ${small.stock} 件`)

    const plus = screen.getByLabelText('增加数量')
    for (let i = 0; i < small.stock + 2; i += 1) fireEvent.click(plus)
    expect(screen.getByTestId('quantity')).toHaveTextContent(String(small.stock))
    expect(plus).toHaveAttribute('aria-disabled', 'true')

    fireEvent.click(screen.getByText('加入购物车'))
    expect(taroFake.toasts()).toEqual(['已加入购物车'])
    expect(cartStore.getSnapshot().lines).toEqual([
      expect.objectContaining({ productId: 'p004', skuId: small.id, skuName: small.name, priceFen: small.priceFen, quantity: small.stock, stock: small.stock }),
    ])
    expect(screen.getByTestId('cart-badge')).toHaveTextContent(String(small.stock))

    // Adding more than the stock allows is capped and explained.
    fireEvent.click(screen.getByText('加入购物车'))
    expect(taroFake.toasts()[1]).toBe(`库存有限，购物车中已有 ${small.stock} 件`)
    expect(cartStore.getSnapshot().count).toBe(small.stock)

    fireEvent.click(screen.getByText('去购物车'))
    expect(taroFake.callsTo('switchTab')[0]?.args[0]).toMatchObject({ url: '/pages/cart/index' })
    expect(taroFake.apiNames()).not.toContain('login')
  })

  it('a product whose SKUs are all sold out cannot be added', async () => {
    await open('p005')
    screen.getByText('暂时缺货')
    const button = screen.getByTestId('add-to-cart')
    expect(button).toHaveTextContent('已售罄')
    fireEvent.click(button)
    expect(cartStore.getSnapshot().count).toBe(0)
    expect(taroFake.toasts()).toEqual([])
  })

  it('an unknown product shows an error state with 重试, not a blank page', async () => {
    await renderPage(ProductPage, { path: PATH, params: { id: 'p999' }, backend: server() })
    await screen.findByText('内容不存在或已下架')
    screen.getByText('重试')
  })

  it('a missing id parameter shows the same error state without calling the server', async () => {
    const { backend } = await renderPage(ProductPage, { path: PATH, params: {}, backend: server() })
    await screen.findByText('内容不存在或已下架')
    expect(backend?.requests).toEqual([])
  })
})
