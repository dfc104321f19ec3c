/**
 * Webpack loader for third-party stylesheets: replaces every url(http…) with a local asset, so the
 * app never loads anything from another origin. Taro's React-implemented H5 components
 * (h5.useHtmlComponents) draw the loading button's spinner from a CDN image; the replacement is an
 * inline SVG spinner of our own. Options: { replacement: 'url(data:…)' }.
 */
const EXTERNAL_URL = /url\(\s*(['"]?)https?:\/\/[^'")]*\1\s*\)/g

module.exports = function localAssetsLoader(source) {
  const { replacement } = this.getOptions()
  return String(source).replace(EXTERNAL_URL, replacement)
}

module.exports.EXTERNAL_URL = EXTERNAL_URL
