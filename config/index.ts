import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { require as requireTs } from 'tsx/cjs/api'
import { BundleStatsPlugin } from './bundle-stats'
import devConfig from './dev'
import prodConfig from './prod'
import { applyWeappSizeSettings, TERSER_CONFIG, WEAPP_BASE_LEVEL, WEAPP_TERSER_CONFIG } from './size-settings'

// weapp output stays in dist/ (project.config.json's miniprogramRoot); the H5 build
// gets its own folder so both can exist side by side (the backend serves dist-h5/).
const outputRoot = process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist'

// A 12-step spinner arc for loading buttons (the H5 components' own stylesheet rotates it in 12 steps).
const LOCAL_SPINNER =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Ccircle cx='10' cy='10' r='8' fill='none' stroke='%23ffffff' stroke-opacity='.8' stroke-width='2.5' stroke-dasharray='36 14' stroke-linecap='round'/%3E%3C/svg%3E"

/** Build helpers live in tools/build/ (plain CommonJS: webpack loads them without TypeScript). */
const buildFile = (name: string) => path.resolve(__dirname, '..', 'tools', 'build', name)
// eslint-disable-next-line import/no-commonjs -- a webpack plugin in plain CommonJS, like the loaders there
const { PageFilesPlugin } = require(buildFile('page-files-plugin.js')) as { PageFilesPlugin: new (options: { page: string; placeholder: string; publicPath: string }) => object }

// The home page's first products URL, which index.html preloads on H5, from the page's own module.
// Taro compiles only config/ when it loads this file, so that module goes through tsx.
const { HOME_FIRST_PAGE_URL } = requireTs('../src/pages/index/first-page.ts', __filename) as typeof import('../src/pages/index/first-page')

// `npm run profile:bundle` sets BUNDLE_STATS: the build then writes its module graph there.
const bundleStatsFile = process.env.BUNDLE_STATS

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wx-privacy-storefront',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': path.resolve(__dirname, '..', 'contract'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Nesting levels of static node templates in the mini program's base.wxml, and the minifier's
    // settings: why each, and what it saves, in ./size-settings.ts.
    baseLevel: WEAPP_BASE_LEVEL,
    terser: {
      enable: true,
      config: process.env.TARO_ENV === 'h5' ? TERSER_CONFIG : WEAPP_TERSER_CONFIG,
    },
    mini: {
      // contract/rules.ts lives outside src/ (the server imports it too); Taro compiles only src/ unless told.
      compile: { include: [path.resolve(__dirname, '..', 'contract')] },
      // Component styles are scoped by class name, so cross-chunk CSS order does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        applyWeappSizeSettings(chain)
        if (bundleStatsFile) chain.plugin('bundle-stats').use(BundleStatsPlugin, [bundleStatsFile])
      },
    },
    h5: {
      // Taro's React-implemented H5 components (@tarojs/components-react, the ones the Jest suite
      // renders) instead of the Stencil web-component library and its React wrappers: the home page's
      // first-load JS shrinks by about a quarter (docs/performance.md).
      useHtmlComponents: true,
      compile: { include: [path.resolve(__dirname, '..', 'contract')] },
      publicPath: '/',
      // src/index.html preloads the home page's first products with this URL (see first-page.ts).
      htmlPluginOption: { homeProductsUrl: HOME_FIRST_PAGE_URL },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of
        // the component library (~220 KB each). Splitting async chunks too shares it once. Taro's
        // minSize 0 also split every module two pages share into its own file: the home page fetched
        // 14 scripts, 9 of them under 1 KB gzip. With 10 KB, small shared modules stay in each page's
        // chunk: 5 scripts, 2.3 KB gzip less on the first load, ≈ 18 KB gzip more over all pages.
        chain.optimization.merge({ splitChunks: { chunks: 'all', minSize: 10_000 } })
        // Their stylesheet draws the loading button's spinner from a CDN; nothing may load from
        // another origin, so third-party CSS gets a local spinner instead. It also goes into a
        // cascade layer, so our own component styles win over Taro's two-class button defaults.
        chain.module
          .rule('local-assets')
          .test(/\.s?css$/)
          .include.add(/node_modules[\\/]@tarojs[\\/]/)
          .end()
          .enforce('pre')
          .use('local-assets')
          .loader(buildFile('local-assets-loader.js'))
          .options({ replacement: `url("${LOCAL_SPINNER}")`, layer: 'taro' })
        // Taro's request API imports polyfills and a JSONP client for browsers and calls we do not have.
        chain.resolve.alias
          .set('whatwg-fetch$', buildFile('native-in-target-browsers.js'))
          .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', buildFile('native-in-target-browsers.js'))
          .set('jsonp-retry$', buildFile('no-jsonp.js'))
        // The router imports Taro's Stencil tab bar, unused with a custom tab bar (src/app.config.ts).
        // Only the router's import is replaced: Form and previewImage still use the Stencil library.
        chain.module
          .rule('router-without-stencil-tabbar')
          .test(/[\\/]@tarojs[\\/]router[\\/]/)
          .resolve.alias.set('@tarojs/components/dist/components$', buildFile('no-stencil-tabbar.js'))
        // index.html preloads the home page's chunks with the products (src/index.html).
        chain.plugin('home-page-files').use(PageFilesPlugin, [{ page: 'pages/index/index', placeholder: '__HOME_PAGE_FILES__', publicPath: '/' }])
        if (bundleStatsFile) chain.plugin('bundle-stats').use(BundleStatsPlugin, [bundleStatsFile])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
