/**
 * Stands in for @tarojs/components/dist/components where Taro's H5 router imports it. The router
 * takes only the Stencil `taro-tabbar` element from there, which pulls the Stencil runtime into the
 * first load (≈ 16.7 KB gzip); it defines the element only when app.config's tabBar is not
 * `custom`, and on H5 it is custom (src/components/tab-bar draws the bar). Should that change, the
 * app stops at start-up with this message instead of showing no tab bar.
 */
exports.defineCustomElementTaroTabbar = function defineCustomElementTaroTabbar() {
  throw new Error("Taro's Stencil tab bar is not bundled on H5: keep app.config's tabBar `custom` on H5 (src/components/tab-bar draws it)")
}
