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
  tabBar: {
    color: '#5c6370',
    selectedColor: '#ff5a1f',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/category/index', text: '分类' },
      { pagePath: 'pages/cart/index', text: '购物车' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // PRIVACY (lead): requiredPrivateInfos / permission go here, only through their own issues.
  __usePrivacyCheck__: true,
})
