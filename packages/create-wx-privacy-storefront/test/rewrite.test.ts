import { DEMO_BRAND, rewriteProject, setEnvValue, stripTemplateOnly, TEMPLATE_NAME, TemplateDriftError } from '../src/rewrite'
import { isTextFile } from '../src/template-files'
import { answersFor, repositoryTemplate } from './support'

/** This repository's text files, as the initializer would read them from template/. */
const template = new Map(repositoryTemplate().filter((file) => isTextFile(file.path, file.content)).map((file) => [file.path, file.content.toString('utf8')]))
const json = (files: Map<string, string>, file: string) => JSON.parse(files.get(file) ?? 'null') as Record<string, unknown>

describe('rewriting this repository into a new shop', () => {
  const answers = answersFor('/tmp/my-shop')
  const shop = rewriteProject(template, answers)

  test('package and lockfile name and description', () => {
    expect(json(shop, 'package.json')).toMatchObject({ name: 'my-shop', description: expect.stringContaining('测试小店') })
    const lock = json(shop, 'package-lock.json') as { name: string; packages: Record<string, { name?: string }> }
    expect(lock.name).toBe('my-shop')
    expect(lock.packages['']?.name).toBe('my-shop')
    // Only the names changed: every dependency entry is untouched.
    expect(Object.keys(lock.packages)).toEqual(Object.keys((json(template, 'package-lock.json') as typeof lock).packages))
  })

  test('WeChat DevTools project, Taro projectName and env files', () => {
    expect(json(shop, 'project.config.json')).toMatchObject({ projectname: 'my-shop', appid: 'wx0123456789abcdef', miniprogramRoot: 'dist/' })
    expect(shop.get('config/index.ts')).toContain("projectName: 'my-shop'")
    expect(shop.get('.env.production')).toMatch(/^TARO_APP_ID="wx0123456789abcdef"$/m)
    expect(shop.get('.env.production')).toMatch(/^TARO_APP_API_BASE="https:\/\/api\.example\.com"$/m)
    expect(shop.get('.env.development')).toMatch(/^TARO_APP_ID="wx0123456789abcdef"$/m)
    // Development keeps calling the local backend.
    expect(shop.get('.env.development')).toBe(setEnvValue(template.get('.env.development') ?? '', 'TARO_APP_ID', 'wx0123456789abcdef'))
  })

  test('the shop name: navigation bar, H5 title, demo outlets (and the server tests that name them)', () => {
    expect(shop.get('src/app.config.ts')).toContain("navigationBarTitleText: '测试小店'")
    expect(shop.get('src/index.html')).toContain('<title>测试小店</title>')
    expect(shop.get('server/src/seed/outlet-data.ts')).toContain("name: '测试小店 ")
    for (const [file, content] of shop) expect([file, content.includes(DEMO_BRAND)]).toEqual([file, false])
  })

  test('no file names the template any more; template-only lines and scripts are gone', () => {
    for (const [file, content] of shop) {
      expect([file, content.includes(TEMPLATE_NAME), content.includes('template-only:')]).toEqual([file, false, false])
    }
    const scripts = json(shop, 'package.json').scripts as Record<string, string>
    expect(Object.values(scripts).filter((command) => command.includes('packages/'))).toEqual([])
    expect(scripts).toMatchObject({ test: expect.any(String), 'build:weapp': expect.any(String), 'check:weapp': expect.any(String) })
    expect(shop.get('jest.config.js')).not.toContain("'scaffold'")
  })

  test('the README starts with the shop and its next steps, then the template\'s documentation', () => {
    const readme = shop.get('README.md') ?? ''
    expect(readme.startsWith('# 测试小店\n')).toBe(true)
    expect(readme).toContain('`wx0123456789abcdef`')
    expect(readme).toContain('api.example.com')
    expect(readme).toContain('docs/privacy-declaration.md')
    expect(readme).not.toContain('## Start a new shop')
    expect(readme).toContain('<!-- compliance-matrix:start -->')
  })

  test('the input map is left untouched', () => {
    expect(template.get('package.json')).toContain(`"name": "${TEMPLATE_NAME}"`)
  })
})

describe('without an appid or API base', () => {
  const shop = rewriteProject(template, answersFor('/tmp/my-shop', { appid: 'touristappid', apiBase: null }))

  test('the tourist appid and the local backend stay; the README says what to set', () => {
    expect(json(shop, 'project.config.json').appid).toBe('touristappid')
    expect(shop.get('.env.production')).toBe(template.get('.env.production'))
    expect(shop.get('README.md')).toContain('Set your appid')
    expect(shop.get('README.md')).toContain('Set the production backend')
  })
})

describe('template drift fails loudly instead of leaving a stale name', () => {
  const without = (file: string, edit: (content: string) => string) => new Map([...template].map(([name, content]) => [name, name === file ? edit(content) : content]))

  test.each([
    ['src/app.config.ts', (c: string) => c.replace(/navigationBarTitleText/, 'title')],
    ['src/index.html', (c: string) => c.replace(/<title>/, '<tit>')],
    ['config/index.ts', (c: string) => c.replace(/projectName/, 'name')],
    ['.env.production', (c: string) => c.replace(/TARO_APP_ID/, 'APP')],
    ['README.md', (c: string) => c.replace(/template-only:start/, 'start')],
    ['server/src/seed/outlet-data.ts', (c: string) => c.split(DEMO_BRAND).join('某某')],
  ])('%s', (file, edit) => {
    expect(() => rewriteProject(without(file, edit), answersFor('/tmp/x'))).toThrow(TemplateDriftError)
  })

  test('unbalanced template-only markers', () => {
    expect(() => stripTemplateOnly('a\n# template-only:start\nb\n', 'x')).toThrow(/closing template-only:end/)
    expect(() => stripTemplateOnly('a\n# template-only:end\n', 'x')).toThrow(/template-only:start before/)
    expect(stripTemplateOnly('a\n# template-only:start\nb\n# template-only:end\nc', 'x')).toBe('a\nc')
  })
})
