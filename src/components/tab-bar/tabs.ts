/**
 * The four tab pages in tab-bar order: app.config's tabBar (drawn natively on weapp) and the H5 tab
 * bar (./index.h5.tsx) both read this list. No imports: app.config is evaluated at build time.
 */
export interface Tab {
  /** Page path as app.config spells it (no leading slash). */
  pagePath: string
  text: string
  /** Base name of the icons in src/assets/tabbar/ (`<icon>.png`, `<icon>-active.png`). */
  icon: string
}

export const TABS: readonly Tab[] = [
  { pagePath: 'pages/index/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/category/index', text: '分类', icon: 'category' },
  { pagePath: 'pages/cart/index', text: '购物车', icon: 'cart' },
  { pagePath: 'pages/mine/index', text: '我的', icon: 'mine' },
]

/** The tab whose page `path` is (a router path: leading slash and query allowed), if any. */
export function tabOf(path: string): Tab | undefined {
  const page = path.replace(/^\//, '').replace(/\?.*$/, '')
  return TABS.find((tab) => tab.pagePath === page)
}
