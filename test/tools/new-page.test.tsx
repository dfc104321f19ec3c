import { screen } from '@testing-library/react'
import fs from 'node:fs'
import path from 'node:path'
import type { ComponentType } from 'react'
import { LOGIN_REASONS_PATH, NewPageError, parseArgs, planNewPage, registerPage, writeNewPage } from '../../tools/pages/new-page'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

const REPO = path.join(__dirname, '../..')
const APP_CONFIG = fs.readFileSync(path.join(REPO, 'src/app.config.ts'), 'utf8')
// Inside the repository (git-ignored .tmp/) so generated pages resolve react and @tarojs from node_modules.
const TMP = path.join(REPO, '.tmp')
const made: string[] = []
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

function tempProject(): string {
  fs.mkdirSync(TMP, { recursive: true })
  const root = fs.mkdtempSync(path.join(TMP, 'new-page-'))
  made.push(root)
  fs.mkdirSync(path.join(root, 'src'))
  fs.writeFileSync(path.join(root, 'src/app.config.ts'), APP_CONFIG)
  fs.mkdirSync(path.join(root, path.dirname(LOGIN_REASONS_PATH)), { recursive: true })
  fs.copyFileSync(path.join(REPO, LOGIN_REASONS_PATH), path.join(root, LOGIN_REASONS_PATH))
  return root
}

/** Loads a generated page module from disk (its `@/` imports resolve to this repository's src). */
function loadPage(file: string): ComponentType {
  return (jest.requireActual(file) as { default: ComponentType }).default
}

describe('npm run new:page', () => {
  it('parses the name and options', () => {
    expect(parseArgs(['gift-cards', '--account', '--subpackage', 'packageShop', '--title', '礼品卡'])).toEqual({
      name: 'gift-cards',
      account: true,
      subpackage: 'packageShop',
      title: '礼品卡',
    })
    expect(parseArgs(['faq'])).toEqual({ name: 'faq', account: false, subpackage: undefined, title: 'faq' })
    expect(() => parseArgs([])).toThrow(NewPageError)
    expect(() => parseArgs(['faq', '--subpackage'])).toThrow('--subpackage needs a value')
    expect(() => parseArgs(['faq', '--force'])).toThrow('unknown option --force')
  })

  it('rejects names, roots and titles that would break the code it writes', () => {
    const base = { account: false, title: '标题' }
    expect(() => planNewPage({ ...base, name: 'GiftCards' }, APP_CONFIG)).toThrow('kebab-case')
    expect(() => planNewPage({ ...base, name: '../x' }, APP_CONFIG)).toThrow('kebab-case')
    expect(() => planNewPage({ ...base, name: 'faq', subpackage: 'package/Shop' }, APP_CONFIG)).toThrow('folder name')
    expect(() => planNewPage({ ...base, name: 'faq', title: "it's" }, APP_CONFIG)).toThrow('quotes')
    expect(() => planNewPage({ ...base, name: 'index' }, APP_CONFIG)).toThrow('already registered')
    expect(() => planNewPage({ ...base, name: 'search', subpackage: 'packageShop' }, APP_CONFIG)).toThrow('already registered')
  })

  it('registers a page in the main package, an existing subpackage or a new one', () => {
    const main = registerPage(APP_CONFIG, { name: 'faq', account: false, title: 'faq' })
    expect(main).toMatch(/'pages\/mine\/index',\n {4}'pages\/faq\/index',\n {2}\],/)
    const shop = registerPage(APP_CONFIG, { name: 'gift-cards', account: false, subpackage: 'packageShop', title: 'x' })
    expect(shop).toMatch(/\{ root: 'packageShop', pages: \[[^\]]*'order-result\/index', 'gift-cards\/index'\] \}/)
    const fresh = registerPage(APP_CONFIG, { name: 'events', account: false, subpackage: 'packageEvents', title: 'x' })
    expect(fresh).toContain("{ root: 'packageEvents', pages: ['events/index'] },\n  ],")
    for (const config of [main, shop, fresh]) expect(config.length).toBeGreaterThan(APP_CONFIG.length)
  })

  it('writes a page inside PageShell, its config and a test, and the page renders', async () => {
    const root = tempProject()
    const plan = writeNewPage(root, { name: 'faq', account: false, title: '常见问题' })
    expect(plan.route).toBe('/pages/faq/index')
    expect(plan.files.map((file) => file.path)).toEqual([
      'src/pages/faq/index.tsx',
      'src/pages/faq/index.config.ts',
      'test/pages/faq.test.tsx',
    ])
    expect(fs.readFileSync(path.join(root, 'src/app.config.ts'), 'utf8')).toContain("'pages/faq/index',")
    expect(fs.readFileSync(path.join(root, 'src/pages/faq/index.config.ts'), 'utf8')).toContain("navigationBarTitleText: '常见问题'")

    const { container } = await renderPage(loadPage(path.join(root, 'src/pages/faq/index.tsx')), { path: '/pages/faq/index' })
    expect(container.querySelector('.page-shell .faq')).not.toBeNull()
    screen.getByText('常见问题')
  })

  it('WX-LOGIN-1: an --account page asks a visitor to log in with its reason and never calls wx.login by itself', async () => {
    const root = tempProject()
    writeNewPage(root, { name: 'gift-cards', account: true, subpackage: 'packageShop', title: '礼品卡' })
    expect(fs.readFileSync(path.join(root, 'src/packageShop/gift-cards/index.tsx'), 'utf8')).toContain("<AccountPage purpose='giftCards'>")
    // Its reason is a row of the one table of login reasons.
    const reasons = fs.readFileSync(path.join(root, LOGIN_REASONS_PATH), 'utf8')
    expect(reasons).toContain("\n  giftCards: '登录后可使用礼品卡',\n} as const")
    expect(() => writeNewPage(root, { name: 'gift-cards', account: true, subpackage: 'packageOther', title: '礼品卡' })).toThrow('already has a reason for giftCards')

    const { container } = await renderPage(loadPage(path.join(root, 'src/packageShop/gift-cards/index.tsx')), { path: '/packageShop/gift-cards/index' })
    expect(container.querySelector('.page-shell')).not.toBeNull()
    expect(screen.queryByText('礼品卡')).toBeNull()
    expect(screen.getByTestId('login-sheet')).toBeTruthy()
    expect(screen.getAllByText('登录').length).toBeGreaterThan(0)
    expect(taroFake.apiNames()).not.toContain('login')
  })

  it('refuses to overwrite and then writes nothing', () => {
    const root = tempProject()
    fs.mkdirSync(path.join(root, 'test/pages'), { recursive: true })
    fs.writeFileSync(path.join(root, 'test/pages/faq.test.tsx'), 'mine')
    expect(() => writeNewPage(root, { name: 'faq', account: false, title: '常见问题' })).toThrow('not overwriting: test/pages/faq.test.tsx')
    expect(fs.existsSync(path.join(root, 'src/pages/faq'))).toBe(false)
    expect(fs.readFileSync(path.join(root, 'src/app.config.ts'), 'utf8')).toBe(APP_CONFIG)
    expect(fs.readFileSync(path.join(root, 'test/pages/faq.test.tsx'), 'utf8')).toBe('mine')
  })
})
