/**
 * Build settings that change output size. tools/perf/empty-template.ts builds the empty Taro
 * template a second time with these same settings, so size ratios can be read both against Taro's
 * defaults and like for like.
 */

/**
 * Taro's `baseLevel` for the mini program: how many nesting levels of node templates base.wxml gets.
 * WeChat's WXML cannot recurse, so Taro writes the templates of every component once per level, and
 * base.wxml is part of the main package whatever the pages use. A node deeper than the last static
 * level (baseLevel − 2) renders through Taro's recursive `comp` custom component: correct, but one
 * more component instance per subtree, and a subtree the test runtime cannot compare with the
 * official templates.
 *
 * Taro's default is 16 (levels 0–14 static). Measured in the compiled package by npm run test:weapp
 * (test/weapp/runtime/template-levels.ts; per page in docs/performance.md): the deepest level any
 * page needs is 9 (分类: price texts inside the product cards of a scrolling list), the home page
 * and checkout need 8. 12 keeps one level of headroom over the deepest page (levels 0–10 static)
 * and takes 4 levels × ≈ 2.7 KB off base.wxml: main package −10.6 KB. The empty template shrinks by the same bytes with the same
 * setting, so the fair size ratio does not improve: `npm run check:weapp` reports both ratios.
 * (10 was tried: 分类's price texts fell through to `comp` and test:weapp failed.) A page that needs a
 * deeper level fails test:weapp with the node's id: flatten it, or raise this.
 */
export const WEAPP_BASE_LEVEL = 12

/**
 * Terser, for both targets. Taro's mini-program default escapes every non-ASCII character (\uXXXX,
 * 6 bytes, where UTF-8 takes 3): the storefront's Chinese UI and privacy texts cost ≈ 6 KB of main
 * package. WeChat reads package files as UTF-8; for H5, ascii_only off is terser's own default.
 * Taro's mini-program default also turns off terser's usual compress passes (a list kept for old
 * JS engines); on the ES2015+ engines WeChat runs they are safe (npm run test:weapp runs the
 * compiled package) and take ≈ 4 KB off the main package, mostly from Taro's and React's own code.
 * On H5 these are terser's defaults already.
 */
export const TERSER_CONFIG = {
  compress: { collapse_vars: true, comparisons: true, computed_props: true, loops: true, properties: true, reduce_vars: true, switches: true },
  output: { ascii_only: false },
}
