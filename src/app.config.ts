export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/category/index',
    'pages/cart/index',
    'pages/mine/index',
  ],
  // Non-tab pages load on demand, keeping the main package (what launch downloads) small.
  subPackages: [
    { root: 'packageShop', pages: ['product/index', 'search/index', 'outlets/index', 'checkout/index', 'order-result/index'] },
    // Account pages: opened only after the user chose to log in.
    { root: 'packageAccount', pages: ['profile/index', 'orders/index', 'order/index', 'contact/index'] },
    // 隐私与数据 and the in-app privacy guide: opened from 我的 and the consent sheet, i.e. after a tap,
    // so they download then (≈ 15 KB with the my-data section) instead of with every launch.
    { root: 'packagePrivacy', pages: ['index', 'guide'] },
  ],
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
  // Privacy: the agreement check on (WX-PRIV-8; since 2023-10-17 WeChat enforces it for every mini
  // program whatever this flag says, so it states intent); fuzzy location only, never precise (WX-LOC-1);
  // the desc is the catalog's reason for fuzzyLocation, at most 30 characters (WX-LOC-2).
  // tools/weapp/privacy-config.ts checks these against the code on every npm test.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getFuzzyLocation'],
  permission: {
    'scope.userFuzzyLocation': { desc: '用于推荐离你最近的门店，不会获取精确位置' },
  },
})
