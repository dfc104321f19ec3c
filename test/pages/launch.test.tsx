/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/** A cold start as a visitor, against the real server's seeded catalog. */
import { act, screen } from '@testing-library/react'
import type { ComponentType } from 'react'
import CartPage from '@/pages/cart/index'
import CategoryPage from '@/pages/category/index'
import HomePage from '@/pages/index/index'
import MinePage from '@/pages/mine/index'
import { POPUP_APIS, PRIVACY_AND_AUTH_APIS, taroFake } from '../utils/taro-api'
import { renderPage } from '../utils/render-page'
import { openServerForFile } from '../utils/server-backend'
import { SEED_PRODUCTS } from '../../server/src/seed/catalog-data'

const server = openServerForFile()

describe('launch as a visitor', () => {
  it('WX-LAUNCH-1: home shows products at once with no popup', async () => {
    const { container, backend } = await renderPage(HomePage, { launch: true, backend: server() })

    // Products and categories are on screen from the first load: no login, no gate.
    await screen.findByText(SEED_PRODUCTS[0]?.name ?? '')
    screen.getByText('新鲜水果')
    expect(container.querySelectorAll('[data-product-id]')).toHaveLength(10)
    expect(backend?.requests).toEqual(['GET /api/categories', 'GET /api/products?sort=default&page=1&pageSize=10'])

    // Nothing over the page: no dialog, sheet, login prompt or toast.
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByTestId('consent-sheet')).toBeNull()
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    expect(screen.queryByText(/登录|授权|手机号/)).toBeNull()

    // And the recorded Taro calls contain no privacy/auth API and no pop-up API.
    const called = taroFake.apiNames()
    for (const name of [...PRIVACY_AND_AUTH_APIS, ...POPUP_APIS]) expect(called).not.toContain(name)
    // The app did launch: the privacy service registered its listener (which shows nothing).
    expect(called).toContain('onNeedPrivacyAuthorization')
    // Everything else that ran is harmless: feature detection, storage reads and the catalog requests.
    const harmless = new Set(['onNeedPrivacyAuthorization', 'canIUse', 'request', 'getStorageSync'])
    expect(called.filter((name) => !harmless.has(name))).toEqual([])
  })

  it.each<[string, ComponentType, string]>([
    ['分类', CategoryPage, '/pages/category/index'],
    ['购物车', CartPage, '/pages/cart/index'],
    ['我的', MinePage, '/pages/mine/index'],
  ])('WX-LAUNCH-1: the %s tab opens nothing by itself either', async (_name, Page, path) => {
    await renderPage(Page, { path, launch: true, backend: server() })
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByTestId('login-sheet')).toBeNull()
    const called = taroFake.apiNames()
    for (const name of [...PRIVACY_AND_AUTH_APIS, ...POPUP_APIS]) expect(called).not.toContain(name)
  })
})
