/** @jest-environment ./test/utils/jsdom-with-server-env.js */
/**
 * Every text input the user types into stops at the server's limit: the limits live once in
 * contract/rules.ts (the server's checks read the same constants; server/test/orders-api and
 * profile-api prove it accepts each limit and refuses one character more). Here the rendered pages
 * are read: each input's maxlength must be the rule its field maps to, and every input with a
 * maxlength must be mapped, so a new field cannot be forgotten. The pages load from the real server
 * as a sandbox member.
 */
import { screen } from '@testing-library/react'
import type { ComponentType } from 'react'
import { cartStore } from '@/app-root'
import ProfilePage from '@/packageAccount/profile/index'
import CheckoutPage from '@/packageShop/checkout/index'
import SearchPage from '@/packageShop/search/index'
import { TEXT_LIMITS } from '@contract/rules'
import { renderPage } from '../utils/render-page'
import { cartItemFromServer, memberOnDevice, openServerForFile } from '../utils/server-backend'
import { agreedToPrivacyGuideEarlier } from '../utils/session'

const server = openServerForFile()

type Rule = keyof typeof TEXT_LIMITS

/** Which rule each input follows, by the placeholder (or name) a user sees. */
const PAGES: Array<{ page: ComponentType; path: string; inputs: Record<string, Rule> }> = [
  {
    page: CheckoutPage,
    path: '/packageShop/checkout/index',
    inputs: { 请填写姓名: 'contactName', 请输入手机号: 'phone', '如：上海': 'city', '街道、门牌号': 'addressDetail', 给商家留言: 'note' },
  },
  { page: SearchPage, path: '/packageShop/search/index', inputs: { 搜索商品名称: 'searchKeyword' } },
  { page: ProfilePage, path: '/packageAccount/profile/index', inputs: { 请输入昵称: 'nickname' } },
]

function limitsOnScreen(): Record<string, number> {
  const found: Record<string, number> = {}
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))) {
    const max = input.getAttribute('maxlength')
    if (max === null || Number(max) < 0) continue
    found[input.getAttribute('placeholder') || input.getAttribute('name') || '?'] = Number(max)
  }
  return found
}

describe('input limits', () => {
  it.each(PAGES)('$path: every input stops at the shared rule for its field', async ({ page, path, inputs }) => {
    const backend = server()
    // No number on file: checkout shows the typed phone field too.
    await memberOnDevice(backend.app)
    agreedToPrivacyGuideEarlier()
    cartStore.add(await cartItemFromServer(backend.app, 'p002'), 1)
    await renderPage(page, { path, backend })
    // Each page's inputs are on screen (the profile's once the server's profile arrived).
    await screen.findByPlaceholderText(Object.keys(inputs)[0] ?? '')
    const expected = Object.fromEntries(Object.entries(inputs).map(([field, rule]) => [field, TEXT_LIMITS[rule]]))
    expect(limitsOnScreen()).toEqual(expected)
  })
})
