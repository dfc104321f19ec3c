/**
 * WX-PHONE-1: the phone number is asked for only at checkout, for delivery. Every other page is
 * rendered (as a visitor and as a member) and must carry no phone button or phone prompt; a source
 * scan proves the button component is imported by the checkout page alone.
 */
import { act, fireEvent, screen } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import type { ComponentType } from 'react'
import { cartStore, sessionStore } from '@/app-root'
import OrderPage from '@/packageAccount/order/index'
import OrdersPage from '@/packageAccount/orders/index'
import CheckoutPage from '@/packageShop/checkout/index'
import OrderResultPage from '@/packageShop/order-result/index'
import ProductPage from '@/packageShop/product/index'
import SearchPage from '@/packageShop/search/index'
import OutletsPage from '@/packageShop/outlets/index'
import CartPage from '@/pages/cart/index'
import CategoryPage from '@/pages/category/index'
import HomePage from '@/pages/index/index'
import MinePage from '@/pages/mine/index'
import { createFakeBackend } from '../utils/fake-backend'
import { flushPromises } from '../utils/fake-privacy'
import { installShop, ORDER_FIXTURE, SHOP_TOKEN, SHOP_USER } from '../utils/fake-shop'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

const SRC = path.resolve(__dirname, '../../src')
const PAID = { ...ORDER_FIXTURE, status: 'paid' as const, paidAt: '2026-11-21T09:00:00.000Z', payBy: null }

// Every row has all four fields: a shorter row would make Jest pass `done` as the last argument.
const PAGES: Array<[string, ComponentType, string, Record<string, string>]> = [
  ['首页', HomePage, '/pages/index/index', {}],
  ['分类', CategoryPage, '/pages/category/index', {}],
  ['购物车', CartPage, '/pages/cart/index', {}],
  ['商品详情', ProductPage, '/packageShop/product/index', { id: 'p001' }],
  ['搜索', SearchPage, '/packageShop/search/index', {}],
  ['我的', MinePage, '/pages/mine/index', {}],
  ['门店', OutletsPage, '/packageShop/outlets/index', {}],
  ['下单结果', OrderResultPage, '/packageShop/order-result/index', { id: PAID.id }],
  ['我的订单', OrdersPage, '/packageAccount/orders/index', {}],
  ['订单详情', OrderPage, '/packageAccount/order/index', { id: PAID.id }],
]

function expectNoPhonePrompt(): void {
  expect(document.querySelector('[data-open-type*="PhoneNumber"]')).toBeNull()
  expect(screen.queryByText(/一键填写微信手机号|获取手机号|授权手机号|绑定手机/)).toBeNull()
  expect(taroFake.apiNames()).not.toContain('getPhoneNumber')
}

async function renderWithShop(Page: ComponentType, pagePath: string, params: Record<string, string>) {
  const backend = createFakeBackend()
  const shop = installShop(backend)
  shop.orders.push({ ...PAID })
  cartStore.add({ productId: 'p001', skuId: 'p001-5', name: '烟台红富士苹果', skuName: '5斤装', priceFen: 3990, image: '/x.png', stock: 12 })
  await renderPage(Page, { path: pagePath, params, backend, launch: true })
  await act(flushPromises)
}

describe('WX-PHONE-1: the phone prompt lives only at checkout', () => {
  it.each(PAGES)('WX-PHONE-1: %s has no phone button or prompt (visitor)', async (_name, Page, pagePath, params) => {
    await renderWithShop(Page, pagePath, params)
    expectNoPhonePrompt()
  })

  it.each(PAGES)('WX-PHONE-1: %s has no phone button or prompt (member)', async (_name, Page, pagePath, params) => {
    sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: SHOP_USER })
    await renderWithShop(Page, pagePath, params)
    expectNoPhonePrompt()
  })

  it('WX-PHONE-1: the login sheet asks for no phone number', async () => {
    await renderPage(MinePage, { path: '/pages/mine/index', backend: null })
    fireEvent.click(screen.getByText('登录', { selector: '.mine__login' }))
    screen.getByTestId('login-sheet')
    expectNoPhonePrompt()
  })

  it('WX-PHONE-1: at checkout the button is there for delivery only (members only), never for pickup', async () => {
    sessionStore.save({ token: SHOP_TOKEN, expiresAt: '2026-11-23T08:00:00.000Z', user: { ...SHOP_USER, phoneMasked: null } })
    await renderWithShop(CheckoutPage, '/packageShop/checkout/index', {})
    expect(document.querySelectorAll('[data-open-type="getPhoneNumber"]')).toHaveLength(1)
    fireEvent.click(screen.getByText('自提'))
    await screen.findByText('人民广场店')
    expectNoPhonePrompt()
  })

  it('WX-PHONE-1: only the checkout page imports the phone-number button (source scan)', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) return files(full)
        return /\.tsx?$/.test(entry.name) ? [full] : []
      })
    const importers = files(SRC)
      .filter((file) => !file.includes(`${path.sep}phone-number-button${path.sep}`))
      .filter((file) => /phone-number-button/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    expect(importers).toEqual(['packageShop/checkout/phone-field.tsx'])
    // And only the privacy service's own component renders the getPhoneNumber open-type.
    const openTypeUsers = files(SRC)
      .filter((file) => file.endsWith('.tsx') && /openType=['"]getPhoneNumber['"]/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    expect(openTypeUsers).toEqual(['services/privacy/components/phone-number-button/index.tsx'])
  })
})
