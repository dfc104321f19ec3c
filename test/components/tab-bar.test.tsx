/**
 * The tab bar: on weapp WeChat draws it from app.config (native); on H5 our own React bar
 * (src/components/tab-bar/index.h5.tsx) replaces Taro's Stencil one. Jest resolves the unsuffixed
 * (weapp) file, so the H5 bar is imported by its full name here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fireEvent, render, screen, within } from '@testing-library/react'
import TabBar from '@/components/tab-bar'
import H5TabBar from '@/components/tab-bar/index.h5'
import { TABS, tabOf } from '@/components/tab-bar/tabs'
import { taroFake } from '../utils/taro-api'

type TabBarConfig = { custom?: boolean; list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> }

function appConfigFor(platform: 'weapp' | 'h5'): { pages: string[]; tabBar: TabBarConfig } {
  const previous = process.env.TARO_ENV
  process.env.TARO_ENV = platform
  try {
    let config: { pages: string[]; tabBar: TabBarConfig } | undefined
    jest.isolateModules(() => {
      config = (jest.requireActual('@/app.config') as { default: { pages: string[]; tabBar: TabBarConfig } }).default
    })
    if (!config) throw new Error('app.config did not load')
    return config
  } finally {
    process.env.TARO_ENV = previous
  }
}

const links = () => within(screen.getByRole('navigation', { name: '主导航' })).getAllByRole('link')

describe('H5 tab bar', () => {
  it('is a navigation landmark of links in tab order, with Chinese labels, hash URLs and the current page marked', () => {
    render(<H5TabBar path='/pages/cart/index' />)
    expect(links().map((link) => link.textContent)).toEqual(['首页', '分类', '购物车', '我的'])
    expect(links().map((link) => link.getAttribute('href'))).toEqual(['#/pages/index/index', '#/pages/category/index', '#/pages/cart/index', '#/pages/mine/index'])
    expect(links().map((link) => link.getAttribute('aria-current'))).toEqual([null, null, 'page', null])
    // The icons are decoration: the label is the link's name.
    expect(screen.getByRole('link', { name: '购物车' })).toBeTruthy()
  })

  it('a tap on another tab switches tab through the router (not a bare hash change); the current tab does nothing', () => {
    render(<H5TabBar path='/pages/index/index?from=launch' />)
    const notPrevented = fireEvent.click(screen.getByRole('link', { name: '分类' }))
    expect(notPrevented).toBe(false)
    expect(taroFake.callsTo('switchTab').map((call) => (call.args[0] as { url: string }).url)).toEqual(['/pages/category/index'])

    expect(fireEvent.click(screen.getByRole('link', { name: '首页' }))).toBe(false)
    expect(taroFake.callsTo('switchTab')).toHaveLength(1)
  })

  it('is not drawn on pages that are not tabs', () => {
    const { container } = render(<H5TabBar path='/packageShop/product/index?id=p001' />)
    expect(container.innerHTML).toBe('')
    expect(tabOf('/packageShop/checkout/index')).toBeUndefined()
    expect(tabOf('pages/mine/index')?.text).toBe('我的')
  })

  it('renders nothing on weapp, where WeChat draws the tab bar', () => {
    const { container } = render(<TabBar path='/pages/index/index' />)
    expect(container.innerHTML).toBe('')
  })
})

describe('tab bar config (one list for both platforms)', () => {
  it('weapp: the native tab bar lists the same tabs, with icons that exist, and is not custom', () => {
    const { pages, tabBar } = appConfigFor('weapp')
    expect(tabBar.custom).toBe(false)
    expect(tabBar.list.map((tab) => [tab.pagePath, tab.text])).toEqual(TABS.map((tab) => [tab.pagePath, tab.text]))
    for (const tab of tabBar.list) {
      expect(pages).toContain(tab.pagePath)
      for (const icon of [tab.iconPath, tab.selectedIconPath]) expect(fs.existsSync(path.join(__dirname, '..', '..', 'src', icon ?? 'missing'))).toBe(true)
    }
  })

  it('h5: custom (our bar, not the Stencil one), same tabs, no icons for Taro to inline into the entry JS', () => {
    const { tabBar } = appConfigFor('h5')
    expect(tabBar.custom).toBe(true)
    expect(tabBar.list).toEqual(TABS.map(({ pagePath, text }) => ({ pagePath, text })))
  })
})
