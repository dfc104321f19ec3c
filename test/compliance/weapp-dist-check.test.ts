/**
 * The "compiles for WeChat" check must be able to fail: feed the official compilers a tiny
 * mini program with valid and broken WXML/WXSS.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuiltApp, checkSizes, compileWxml, compileWxss, describeRatios, measurePackages, SIZE_BUDGET } from '../../tools/weapp/dist-check'

function miniProgram(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-'))
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), content)
  }
  return dir
}

const validApp = {
  'app.json': JSON.stringify({ pages: ['pages/a/index'], subPackages: [{ root: 'pkg', pages: ['b/index'] }], __usePrivacyCheck__: true }),
  'pages/a/index.js': 'Page({})',
  'pages/a/index.json': '{}',
  'pages/a/index.wxml': '<view class="a">{{title}}</view>',
  'pages/a/index.wxss': '.a { color: red; }',
  'pkg/b/index.js': 'Page({})',
  'pkg/b/index.json': '{}',
  'pkg/b/index.wxml': '<view>b</view>',
}

describe('weapp dist check', () => {
  it('accepts a valid mini program and measures main and subpackages', () => {
    const dir = miniProgram(validApp)
    expect(checkBuiltApp(dir)).toEqual([])
    expect(compileWxml(dir)).toBe(2)
    expect(compileWxss(dir)).toBe(1)
    const sizes = measurePackages(dir)
    expect(sizes.subpackages.pkg).toBeGreaterThan(0)
    expect(sizes.main + (sizes.subpackages.pkg ?? 0)).toBe(sizes.total)
  })

  it('fails on broken WXML with the official compiler message', () => {
    const dir = miniProgram({ ...validApp, 'pages/a/index.wxml': '<view class="a"><text>unclosed</view>' })
    expect(() => compileWxml(dir)).toThrow(/wxml/i)
  })

  it('fails on broken WXSS', () => {
    const dir = miniProgram({ ...validApp, 'pages/a/index.wxss': '.a { color: red; ' })
    expect(() => compileWxss(dir)).toThrow()
  })

  it('WX-PRIV-8: reports a missing __usePrivacyCheck__ and missing page files', () => {
    const app = JSON.parse(validApp['app.json']) as Record<string, unknown>
    delete app.__usePrivacyCheck__
    const dir = miniProgram({ ...validApp, 'app.json': JSON.stringify(app) })
    fs.rmSync(path.join(dir, 'pkg/b/index.wxml'))
    expect(checkBuiltApp(dir)).toEqual([
      'app.json: __usePrivacyCheck__ must be true (WX-PRIV-8)',
      'page pkg/b/index: missing pkg/b/index.wxml',
    ])
  })

  it('size budget: passes within budget and names each package over it', () => {
    const KB = 1024
    expect(checkSizes({ main: 300 * KB, subpackages: { packageShop: 100 * KB }, total: 400 * KB })).toEqual([])
    expect(checkSizes({ main: SIZE_BUDGET.mainPackage + 1, subpackages: { big: 2 * KB * KB + 1 }, total: 21 * KB * KB })).toEqual([
      expect.stringContaining('main package'),
      expect.stringContaining('subpackage big'),
      expect.stringContaining('20 MB'),
    ])
  })

  it('size budget: the main package against the empty template built in the same run, like for like and against Taro\'s defaults', () => {
    const KB = 1024
    const sizes = (main: number) => ({ main, subpackages: {}, total: main })
    const empty = { sameSettings: 243.5 * KB, defaults: 277 * KB }
    // Today's figures (311.4 KB: 1.28× like for like, 1.12× against Taro's defaults) pass.
    expect(checkSizes(sizes(311.4 * KB), SIZE_BUDGET, empty)).toEqual([])
    expect(describeRatios(311.4 * KB, empty)).toEqual([
      "1.28× the empty template's 243.5 KB with the same size settings",
      "1.12× the empty template's 277.0 KB with Taro's default settings",
    ])
    // Before issue 13's work (381.3 KB) every budget fails; so does the package before the JS target
    // and single-level templates (333.5 KB), against the same-run templates.
    expect(checkSizes(sizes(381.3 * KB), SIZE_BUDGET, empty)).toEqual([
      'main package 381.3 KB exceeds the 314.0 KB budget',
      "main package 381.3 KB is 1.57× the empty template's 243.5 KB with the same size settings (budget 1.29×)",
      "main package 381.3 KB is 1.38× the empty template's 277.0 KB with Taro's default settings (budget 1.13×)",
    ])
    expect(checkSizes(sizes(333.5 * KB), SIZE_BUDGET, empty)).toEqual([
      'main package 333.5 KB exceeds the 314.0 KB budget',
      "main package 333.5 KB is 1.37× the empty template's 243.5 KB with the same size settings (budget 1.29×)",
      "main package 333.5 KB is 1.20× the empty template's 277.0 KB with Taro's default settings (budget 1.13×)",
    ])
    // A smaller Taro runtime shrinks both packages: the ratio still catches growth of our own code.
    expect(checkSizes(sizes(300 * KB), SIZE_BUDGET, { sameSettings: 220 * KB })).toEqual([
      "main package 300.0 KB is 1.36× the empty template's 220.0 KB with the same size settings (budget 1.29×)",
    ])
  })

})
