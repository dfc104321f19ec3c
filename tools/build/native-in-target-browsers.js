/**
 * Stands in for fetch / AbortController polyfills that Taro's H5 request API imports for old
 * browsers: every browser in package.json's browserslist ("fully supports es6-module") has both
 * natively, so the home page's first load does not carry ≈ 7 KB gzip of polyfills.
 */
