/**
 * Webpack loader for Taro's own stylesheets on H5:
 * - replaces every url(http…) with a local asset, so the app never loads anything from another
 *   origin. Taro's React-implemented H5 components (h5.useHtmlComponents) draw the loading button's
 *   spinner from a CDN image; the replacement is an inline SVG spinner of our own.
 * - puts the whole sheet in a cascade layer, so any of our own (unlayered) rules wins over it. Taro
 *   styles its button with two classes (`.taro-button-core.taro-btn-default { background-color;
 *   color }`), which beat our one-class button styles: 微信一键登录 lost its green on H5.
 * Options: { replacement: 'url(data:…)', layer: 'taro' }.
 */
const EXTERNAL_URL = /url\(\s*(['"]?)https?:\/\/[^'")]*\1\s*\)/g

module.exports = function localAssetsLoader(source) {
  const { replacement, layer } = this.getOptions()
  const local = String(source).replace(EXTERNAL_URL, replacement)
  return layer ? `@layer ${layer} {\n${local}\n}\n` : local
}

module.exports.EXTERNAL_URL = EXTERNAL_URL
