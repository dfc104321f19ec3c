// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
    }],
  ],
  // Class fields (ApiError.kind, PrivacyError.code …) as plain assignments, not Object.defineProperty
  // through @babel/runtime's helper: the same result for our classes (no setters on their prototypes),
  // and the helper leaves the main package (vendors.js): −0.9 KB.
  assumptions: { setPublicClassFields: true },
}
