/**
 * The H5 build's helpers in tools/build/: the loader that keeps third-party CSS from loading
 * anything from another origin, and the JSONP and Stencil tab bar stand-ins.
 */
import fs from 'node:fs'
import path from 'node:path'

type Loader = (this: { getOptions(): { replacement: string; layer?: string } }, source: string) => string
// CommonJS modules that webpack loads directly (no TypeScript), hence require.
// eslint-disable-next-line import/no-commonjs
const localAssetsLoader = require('../../tools/build/local-assets-loader.js') as Loader
// eslint-disable-next-line import/no-commonjs
const jsonpUnsupported = require('../../tools/build/no-jsonp.js') as (url: string) => Promise<never>
// eslint-disable-next-line import/no-commonjs
const noStencilTabbar = require('../../tools/build/no-stencil-tabbar.js') as { defineCustomElementTaroTabbar: () => void }

// eslint-disable-next-line import/no-commonjs
const { pageFiles } = require('../../tools/build/page-files-plugin.js') as { pageFiles: (compilation: unknown, page: string) => string[] }

/** The parts of a webpack compilation pageFiles reads: chunk groups with their import() origins. */
function fakeCompilation(groups: Array<{ request: string; files: string[] }>, entryFiles: string[]) {
  return {
    chunkGroups: groups.map(({ request, files }) => ({ origins: [{ request }], getFiles: () => files })),
    entrypoints: new Map([['app', { getFiles: () => entryFiles }]]),
  }
}

const run = (css: string) => localAssetsLoader.call({ getOptions: () => ({ replacement: 'url("data:image/svg+xml,local")' }) }, css)

describe('tools/build', () => {
  it('replaces every external url() in third-party CSS, quoted or not, and keeps local ones', () => {
    const css = [
      '.a{background:transparent url(https://img13.360buyimg.com/x/77727d.png) no-repeat}',
      '.b{background-image:url( "http://cdn.example.com/b.png" )}',
      ".c{background:url('https://cdn.example.com/c.png')}",
      '.d{background:url(data:image/png;base64,AAAA)}',
      '.e{background:url(./local.png)}',
    ].join('\n')
    const out = run(css)
    expect(out).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
    expect(out.match(/data:image\/svg\+xml,local/g)).toHaveLength(3)
    expect(out).toContain('url(data:image/png;base64,AAAA)')
    expect(out).toContain('url(./local.png)')
  })

  it("Taro's H5 component stylesheet has an external image today, so the loader is needed (and applied to it)", () => {
    const css = fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', '@tarojs', 'components-react', 'dist', 'index.css'), 'utf8')
    expect(css).toMatch(/url\(https?:\/\//)
    expect(run(css)).not.toMatch(/url\(\s*['"]?https?:\/\//)
  })

  it("with a layer, Taro's sheet goes into that cascade layer, so our one-class rules beat its two-class button defaults", () => {
    const css = '.taro-button-core.taro-btn-default{background-color:#f8f8f8;color:#000}'
    const layered = localAssetsLoader.call({ getOptions: () => ({ replacement: 'url(x)', layer: 'taro' }) }, css)
    expect(layered).toBe(`@layer taro {\n${css}\n}\n`)
    expect(run(css)).toBe(css)
  })

  it('JSONP requests are refused with a clear error', async () => {
    await expect(jsonpUnsupported('https://example.com/api')).rejects.toThrow('JSONP requests are not supported by this app')
  })

  it("the router's Stencil tab bar stand-in stops the app with a clear error if H5's tabBar ever stops being custom", () => {
    expect(() => noStencilTabbar.defineCustomElementTaroTabbar()).toThrow("keep app.config's tabBar `custom` on H5")
  })

  it("finds the home page's own JS and CSS by its import(), leaving out files the entry loads and non-JS/CSS files", () => {
    const compilation = fakeCompilation(
      [
        { request: '/repo/src/pages/index/index', files: ['js/430.js', 'css/261.css', 'js/261.js', 'js/314.js', 'js/430.js.map'] },
        { request: '/repo/src/pages/cart/index', files: ['js/500.js'] },
      ],
      ['js/314.js', 'js/app.js'],
    )
    expect(pageFiles(compilation, 'pages/index/index')).toEqual(['js/430.js', 'css/261.css', 'js/261.js'])
  })

  it('fails the build when no import() (or more than one) matches the page', () => {
    const none = fakeCompilation([{ request: '/repo/src/pages/cart/index', files: ['js/500.js'] }], [])
    expect(() => pageFiles(none, 'pages/index/index')).toThrow('expected one import() of pages/index/index, found 0 among: /repo/src/pages/cart/index')
    const two = fakeCompilation([{ request: '/a/pages/index/index', files: [] }, { request: '/b/pages/index/index', files: [] }], [])
    expect(() => pageFiles(two, 'pages/index/index')).toThrow('found 2')
  })
})
