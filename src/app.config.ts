export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/category/index',
    'pages/cart/index',
    'pages/mine/index',
    // The privacy pages (lead's) stay in the main package: 我的 and the consent sheet link to them.
    'pages/privacy/index',
    'pages/privacy/guide',
  ],
  // Non-tab pages load on demand, keeping the main package (what launch downloads) small.
  subPackages: [{ root: 'packageShop', pages: ['product/index', 'search/index'] }],
  window: {
    navigationBarTitleText: '小店',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
  },
  // Icons are 81x81 PNGs drawn by tools/icons/tabbar-icons.ts (about 0.6 KB each).
  tabBar: {
    color: '#5c6370',
    selectedColor: '#ff5a1f',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/category/index', text: '分类', iconPath: 'assets/tabbar/category.png', selectedIconPath: 'assets/tabbar/category-active.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tabbar/cart.png', selectedIconPath: 'assets/tabbar/cart-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  // PRIVACY (lead): requiredPrivateInfos / permission go here, only through their own issues.
  __usePrivacyCheck__: true,
})
