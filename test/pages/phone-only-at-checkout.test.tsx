/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * WX-PHONE-1: the phone number is asked for only at checkout, for delivery. Every other page is
 * rendered (as a visitor and as a member) and must carry no phone button or phone prompt; a source
 * scan proves the button component is imported by the checkout page alone. The pages talk to the
 * real server (seeded catalog, a sandbox member with a paid order).
 */
import { act, fireEvent, screen } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import type { ComponentType } from 'react'
import { cartStore } from '@/app-root'
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
import { SEED_OUTLETS } from '../../server/src/seed/outlet-data'
import { flushPromises } from '../utils/fake-privacy'
import { renderPage } from '../utils/render-page'
import { cartItemFromServer, memberOnDevice, openServerForFile, signUpMember, type ServerBackend } from '../utils/server-backend'
import { taroFake } from '../utils/taro-api'

const server = openServerForFile()
const SRC = path.resolve(__dirname, '../../src')
/** Marks the route parameter that is the id of the test's paid order. */
const PAID_ORDER = 'paid-order'

// Every row has all four fields: a shorter row would make Jest pass `done` as the last argument.
const PAGES: Array<[string, ComponentType, string, Record<string, string>]> = [
  ['首页', HomePage, '/pages/index/index', {}],
  ['分类', CategoryPage, '/pages/category/index', {}],
  ['购物车', CartPage, '/pages/cart/index', {}],
  ['商品详情', ProductPage, '/packageShop/product/index', { id: 'p002' }],
  ['搜索', SearchPage, '/packageShop/search/index', {}],
  ['我的', MinePage, '/pages/mine/index', {}],
  ['门店', OutletsPage, '/packageShop/outlets/index', {}],
  ['下单结果', OrderResultPage, '/packageShop/order-result/index', { id: PAID_ORDER }],
  ['我的订单', OrdersPage, '/packageAccount/orders/index', {}],
  ['订单详情', OrderPage, '/packageAccount/order/index', { id: PAID_ORDER }],
]

function expectNoPhonePrompt(): void {
  expect(document.querySelector('[data-open-type*="PhoneNumber"]')).toBeNull()
  expect(screen.queryByText(/一键填写微信手机号|获取手机号|授权手机号|绑定手机/)).toBeNull()
  expect(taroFake.apiNames()).not.toContain('getPhoneNumber')
}

/**
 * Renders the page after a launch with a line in the cart and a paid order on the server (the
 * member's own, or for a visitor someone else's), as a member if one is given.
 */
async function renderWithShop(Page: ComponentType, pagePath: string, params: Record<string, string>, options: { member?: boolean } = {}) {
  const backend: ServerBackend = server()
  const member = options.member ? await memberOnDevice(backend.app) : await signUpMember(backend.app)
  const placed = await member.placeOrder('p002', 1, { fulfilment: 'pickup', outletId: SEED_OUTLETS[0]?.id ?? null, address: null, contact: { name: '', phone: null, usePhoneOnFile: false } })
  await member.call('POST', `/api/orders/${placed.id}/pay`)
  cartStore.add(await cartItemFromServer(backend.app, 'p002'))
  const withOrder = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value === PAID_ORDER ? placed.id : value]))
  await renderPage(Page, { path: pagePath, params: withOrder, backend, launch: true })
  await act(flushPromises)
}

describe('WX-PHONE-1: the phone prompt lives only at checkout', () => {
  it.each(PAGES)('WX-PHONE-1: %s has no phone button or prompt (visitor)', async (_name, Page, pagePath, params) => {
    await renderWithShop(Page, pagePath, params)
    expectNoPhonePrompt()
  })

  it.each(PAGES)('WX-PHONE-1: %s has no phone button or prompt (member)', async (_name, Page, pagePath, params) => {
    await renderWithShop(Page, pagePath, params, { member: true })
    expectNoPhonePrompt()
  })

  it('WX-PHONE-1: the login sheet asks for no phone number', async () => {
    await renderPage(MinePage, { path: '/pages/mine/index', backend: null })
    fireEvent.click(screen.getByText('登录'))
    screen.getByTestId('login-sheet')
    expectNoPhonePrompt()
  })

  it('WX-PHONE-1: at checkout the button is there for delivery only (members only), never for pickup', async () => {
    await renderWithShop(CheckoutPage, '/packageShop/checkout/index', {}, { member: true })
    expect(document.querySelectorAll('[data-open-type="getPhoneNumber"]')).toHaveLength(1)
    fireEvent.click(screen.getByText('自提'))
    await screen.findByText(SEED_OUTLETS[0]?.name ?? '')
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
