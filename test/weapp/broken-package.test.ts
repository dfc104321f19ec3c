/**
 * Proof the suite can fail: copies of dist/ with one compliance defect each, run through the same
 * steps and checks as the journeys. Each defect must be caught.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuiltApp, readAppJson } from '../../tools/weapp/dist-check'
import { checkPrivacyConfig, declarableApisUsed, readSources } from '../../tools/weapp/privacy-config'
import { DIST_DIR } from './runtime/mini-program'
import { setUpHarness } from './support/harness'
import { DECLARATION_FILE, ROOT } from './support/paths'
import { expectLaunchAsksNothing, goToCheckout, login, openLoginSheet, step } from './support/steps'

const h = setUpHarness()
const copies: string[] = []

/** A copy of dist/ with `patch` applied to one file. */
function brokenCopy(file: string, patch: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-broken-'))
  copies.push(dir)
  fs.cpSync(DIST_DIR, dir, { recursive: true })
  const target = path.join(dir, file)
  const before = fs.readFileSync(target, 'utf8')
  const after = patch(before)
  if (after === before) throw new Error(`the patch did not change ${file}: the build changed, update the patch`)
  fs.writeFileSync(target, after)
  return dir
}

afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

async function startPickupLocation(distDir: string, declarationFile = DECLARATION_FILE): Promise<{ calls: string[]; text: string }> {
  const mp = await h.launch({ distDir, declarationFile })
  await mp.tap(mp.findAll({ className: 'product-card' })[0] ?? { text: 'no product' })
  await mp.tap({ text: '加入购物车', role: 'button' })
  await login(mp)
  await goToCheckout(mp)
  await mp.tap({ text: '自提' })
  mp.user.will('authorize', 'allow')
  // The login already synced the agreement (WX-PRIV-9), so the tap goes straight to the location API.
  const calls = await step(mp, 'tap 使用我的大致位置', () => mp.tap({ text: '使用我的大致位置' }))
  mp.user.optional('authorize')
  return { calls, text: mp.text() }
}

it('WX-LAUNCH-1: a privacy API called in onLaunch fails the launch check', async () => {
  const distDir = brokenCopy('app.js', (source) =>
    'var realApp = App; App = function (config) { var launch = config.onLaunch; config.onLaunch = function (options) { ' +
    'wx.getFuzzyLocation({}); return launch && launch.call(this, options) }; return realApp(config) };\n' + source,
  )
  const mp = await h.launch({ distDir })
  expect(() => expectLaunchAsksNothing(mp)).toThrow(/getFuzzyLocation|official privacy popup/)
})

it('WX-LOGIN-2: a login sheet without 暂不登录 fails the login step', async () => {
  // The build writes UTF-8 text (config: terser ascii_only off); older builds escaped it as \uXXXX.
  const distDir = brokenCopy('common.js', (source) => source.replace(/children:"(暂不登录|\\u6682\\u4e0d\\u767b\\u5f55)"/, 'children:""'))
  const mp = await h.launch({ distDir })
  await expect(openLoginSheet(mp)).rejects.toThrow(/暂不登录/)
})

it('WX-LOC-1: dropping requiredPrivateInfos fails check:weapp and the location API in the runtime', async () => {
  const distDir = brokenCopy('app.json', (source) => {
    const json = JSON.parse(source) as Record<string, unknown>
    delete json.requiredPrivateInfos
    return JSON.stringify(json)
  })
  const usedApis = declarableApisUsed(readSources(path.join(ROOT, 'src')))
  expect([...checkBuiltApp(distDir), ...checkPrivacyConfig(readAppJson(distDir), usedApis)]).toContain(
    'the code calls getFuzzyLocation but requiredPrivateInfos does not declare it (WX-LOC-1)',
  )
  const { calls, text } = await startPickupLocation(distDir)
  expect(calls).toContain('getFuzzyLocation → fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json')
  expect(text).toMatch(/鲜选生活/) // the outlet list still works
})

it('WX-PRIV-5: a privacy declaration without 位置信息 makes WeChat refuse getFuzzyLocation with errno 112', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-declaration-'))
  copies.push(dir)
  const declarationFile = path.join(dir, 'privacy-declaration.md')
  fs.writeFileSync(declarationFile, fs.readFileSync(DECLARATION_FILE, 'utf8').replace(/^\| 位置信息.*\n/m, ''))
  const { calls } = await startPickupLocation(DIST_DIR, declarationFile)
  expect(calls).toContain('getFuzzyLocation → fail api scope is not declared in the privacy agreement')
})

it('templates that read other data than the package sends (text from i.text, not i.v) fail the official-render check', async () => {
  const distDir = brokenCopy('base.wxml', (source) => source.replace('<block>{{i.v}}</block>', '<block>{{i.text}}</block>'))
  const mp = await h.launch({ distDir })
  expect(mp.errors.join('\n')).toMatch(/runtime reads "搜索商品", the template renders ""/)
})

it('a page nested deeper than base.wxml\'s static template levels is an error naming the node', async () => {
  // As if built with baseLevel 6: levels 0–4 static; the home page needs more.
  const distDir = brokenCopy('utils.wxs', (source) => source.replace(/if \(l >= (\d+)\) \{\s*return 'tmpl_\d+_container'/, "if (l >= 5) {\n      return 'tmpl_5_container'"))
  const mp = await h.launch({ distDir })
  expect(mp.errors.join('\n')).toMatch(/^pages\/index\/index #\w+ needs template level \d+; base\.wxml has static levels 0–4 \(Taro's baseLevel 6/m)
})

it('the intact package passes the same checks (control)', async () => {
  const mp = await h.launch()
  expectLaunchAsksNothing(mp)
  await openLoginSheet(mp)
  expect(mp.errors).toEqual([])
  const { calls } = await startPickupLocation(DIST_DIR)
  expect(calls).toContain('getFuzzyLocation → ok')
})
