import Taro from '@tarojs/taro'

/** Every route the storefront opens, in one place so pages never spell paths by hand. */
export const routes = {
  home: '/pages/index/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  mine: '/pages/mine/index',
  privacy: '/packagePrivacy/index',
  privacyGuide: '/packagePrivacy/guide',
  search: '/packageShop/search/index',
  product: (id: string) => `/packageShop/product/index?id=${encodeURIComponent(id)}`,
  checkout: '/packageShop/checkout/index',
  orderResult: (id: string) => `/packageShop/order-result/index?id=${encodeURIComponent(id)}`,
  outlets: '/packageShop/outlets/index',
  profile: '/packageAccount/profile/index',
  orders: '/packageAccount/orders/index',
  order: (id: string) => `/packageAccount/order/index?id=${encodeURIComponent(id)}`,
  contact: '/packageAccount/contact/index',
} as const

export type TabRoute = typeof routes.home | typeof routes.category | typeof routes.cart | typeof routes.mine

export function switchTab(url: TabRoute): void {
  Taro.switchTab({ url }).catch(() => undefined)
}

/** Opens a non-tab page; a failure (page missing, stack full) gets a short hint instead of silence. */
export function openPage(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    void Taro.showToast({ title: '页面暂时无法打开', icon: 'none' })
  })
}

export function openProduct(id: string): void {
  openPage(routes.product(id))
}

/**
 * switchTab cannot carry query parameters, so a category tapped on the home page is handed to the
 * category tab through this one-shot slot.
 */
let pendingCategoryId: string | null = null

export function openCategory(categoryId: string): void {
  pendingCategoryId = categoryId
  switchTab(routes.category)
}

export function takePendingCategory(): string | null {
  const id = pendingCategoryId
  pendingCategoryId = null
  return id
}
