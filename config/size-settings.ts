/**
 * Build settings that change output size. tools/perf/empty-template.ts builds the empty Taro
 * template a second time with these same settings (it copies this file into the template's
 * config/, so this file imports nothing), so size ratios can be read both against Taro's defaults
 * and like for like.
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

/**
 * The JavaScript the mini program's files may contain. Babel (browserslist in package.json) already
 * leaves ES2020 syntax in our code (`?.`, `??`, async functions, object spread): the package needs
 * an ES2020 engine whatever webpack does. Taro's mini-program default still makes webpack write its
 * own runtime and module wrappers as ES5 (`target: ['web', 'es5']`), and terser output ES5: every
 * export getter `function(){return x}` instead of `()=>x`. With the target above: −6.4 KB (taro.js
 * −4.4, common.js −1.4); terser with the same `ecma`, its remaining default compress options
 * (arrows, inline, hoist_props, reduce_funcs, typeofs, negate_iife) and two passes: −1.4 KB.
 * (terser's `unsafe_arrows` would take 2.1 KB more, mostly from React's reconciler, but it turns
 * function expressions into arrows without knowing whether something calls them with `new`: not used.)
 * The H5 build keeps TERSER_CONFIG: these numbers are the mini program's.
 */
export const WEAPP_JS_TARGET = 'es2020'

export const WEAPP_TERSER_CONFIG = {
  compress: {
    ...TERSER_CONFIG.compress,
    ecma: 2020,
    passes: 2,
    arrows: true,
    inline: true,
    hoist_props: true,
    reduce_funcs: true,
    typeofs: true,
    negate_iife: true,
  },
  output: { ...TERSER_CONFIG.output, ecma: 2020 },
}

/**
 * Components whose node templates base.wxml gets once instead of once per level of their own
 * nesting. Taro writes a template for each level at which a component may sit inside another of its
 * kind (WXML templates cannot include themselves): a `catchMove` View (Taro's catch-view) at every
 * one of baseLevel's levels, ScrollView and Form at 4. None of them nests in this app: the sheets'
 * catchMove mask and panel are siblings, the two ScrollViews of 分类 are siblings, the one Form is
 * 编辑资料's. One level each: base.wxml −14.2 KB (catch-view −6.2 at 10 levels,
 * ScrollView −6.9 and Form −1.1 at 3). A ScrollView inside a ScrollView (or catchMove View inside another)
 * would then render nothing inside the outer one, in WeChat as in its official template compiler:
 * npm run test:weapp fails on every journey page where that happens and names the node; remove its
 * entry here.
 */
export const WEAPP_SINGLE_LEVEL_TEMPLATES = ['catch-view', 'scroll-view', 'form']

/** The part of Taro's webpack chain these settings touch (structural, so this file imports nothing). */
export interface SizeSettingsChain {
  set(key: 'target', value: string[]): unknown
  plugin(name: string): { tap(update: (args: unknown[]) => unknown[]): unknown }
}

/**
 * Applies WEAPP_JS_TARGET and WEAPP_SINGLE_LEVEL_TEMPLATES to Taro's mini-program webpack chain
 * (from `mini.webpackChain`). Taro reads the nesting levels from its platform template object, which
 * reaches webpack only through its mini plugin's options: a Taro upgrade that moves it fails the
 * build here, not silently.
 */
export function applyWeappSizeSettings(chain: SizeSettingsChain): void {
  // `set`, not `merge`: merge appends to Taro's ['web', 'es5'], and webpack then takes the lowest.
  chain.set('target', ['web', WEAPP_JS_TARGET])
  chain.plugin('miniPlugin').tap((args) => {
    const options = args[0] as { combination?: { config?: { template?: { nestElements?: unknown } } } } | undefined
    const nesting = options?.combination?.config?.template?.nestElements
    if (!(nesting instanceof Map)) throw new Error("config/size-settings.ts: Taro's mini plugin has no template.nestElements to set (Taro version?)")
    for (const name of WEAPP_SINGLE_LEVEL_TEMPLATES) {
      if (!nesting.has(name)) throw new Error(`config/size-settings.ts: Taro's templates know no nesting levels for ${name}`)
      nesting.set(name, 1)
    }
    return args
  })
}
