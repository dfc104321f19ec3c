export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '小店' },
  __usePrivacyCheck__: true,
})
