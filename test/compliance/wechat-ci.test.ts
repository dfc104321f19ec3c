/**
 * The release tooling: the offline release check (`npm run check:release`), the upload/preview
 * plan (`npm run upload`, `npm run preview:wechat`) and the runner that drives miniprogram-ci,
 * here against a stand-in module on PATH (the real one needs WeChat's servers and a key).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkRelease, MAX_MEDIA_BYTES } from '../../tools/wechat-ci/release-check'
import { readReleaseFacts, type ReleaseFacts } from '../../tools/wechat-ci/release-facts'
import { ciCommand, MINIPROGRAM_CI, planJob, RUNNER, type CiJob, type KeyFile } from '../../tools/wechat-ci/ship'

const APPID = 'wx0123456789abcdef'
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n'

interface Fixture {
  appid?: string
  envAppid?: string | null
  apiBase?: string
  version?: string
  setting?: Record<string, boolean>
  builtAppid?: string | null
  extraDistFiles?: Record<string, number>
}

/** A small project on disk: package.json, project.config.json, .env.production and a built dist/. */
function project(fixture: Fixture = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'))
  const appid = fixture.appid ?? APPID
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), content)
  }
  write('package.json', JSON.stringify({ name: 'shop', version: fixture.version ?? '1.2.3' }))
  const setting = fixture.setting ?? { minified: true, minifyWXML: true, minifyWXSS: true, es6: false }
  write('project.config.json', JSON.stringify({ miniprogramRoot: 'dist/', appid, setting }))
  const envAppid = fixture.envAppid === undefined ? appid : fixture.envAppid
  write('.env.production', `TARO_APP_API_BASE="${fixture.apiBase ?? 'https://api.example.com'}"\n${envAppid === null ? '# TARO_APP_ID="wx…"' : `TARO_APP_ID="${envAppid}"`}\n`)
  if (fixture.builtAppid !== null) {
    write('dist/project.config.json', JSON.stringify({ appid: fixture.builtAppid ?? appid }))
    write('dist/app.json', JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'packageShop', pages: ['a/index'] }] }))
    write('dist/app.js', 'App({})')
    write('dist/packageShop/a/index.js', 'Page({})')
    for (const [file, bytes] of Object.entries(fixture.extraDistFiles ?? {})) write(`dist/${file}`, Buffer.alloc(bytes, 1))
  }
  return root
}

const check = (fixture: Fixture = {}, strict = false) => checkRelease(readReleaseFacts(project(fixture)), { strict })

describe('check:release', () => {
  test('a ready project passes, strict too', () => {
    expect(check({}, true)).toEqual({ errors: [], warnings: [] })
  })

  test('the template as shipped (touristappid, local HTTP backend) passes CI with warnings and fails strict', () => {
    const shipped: Fixture = { appid: 'touristappid', envAppid: null, apiBase: 'http://localhost:3030', builtAppid: 'touristappid' }
    const relaxed = check(shipped)
    expect(relaxed.errors).toEqual([])
    expect(relaxed.warnings).toEqual([expect.stringContaining('touristappid'), expect.stringContaining('is not HTTPS')])
    expect(check(shipped, true).errors).toEqual(relaxed.warnings)
  })

  test('a malformed appid, two different appids, or a dist/ built for another appid', () => {
    expect(check({ appid: 'wx123', envAppid: null, builtAppid: 'wx123' }).errors).toEqual([expect.stringContaining('project.config.json appid "wx123" is not a mini program appid')])
    expect(check({ envAppid: 'wxffffffffffffffff', builtAppid: 'wxffffffffffffffff' }).errors).toEqual([expect.stringContaining('the appid differs')])
    expect(check({ builtAppid: 'touristappid' }).errors).toEqual([expect.stringContaining('dist/project.config.json has appid "touristappid"')])
  })

  test('compression settings must be on, and the version must be x.y.z', () => {
    const errors = check({ setting: { minified: false, minifyWXML: true }, version: 'next' }).errors
    expect(errors).toEqual([
      expect.stringContaining('version "next" is not x.y.z'),
      expect.stringContaining('setting.minified must be true'),
      expect.stringContaining('setting.minifyWXSS must be true'),
    ])
  })

  test('package sizes and oversized images fail; an unbuilt project is a warning only', () => {
    expect(check({ extraDistFiles: { 'vendors.js': 460 * 1024 } }).errors).toEqual([expect.stringContaining('main package')])
    expect(check({ extraDistFiles: { 'packageShop/big.js': 2100 * 1024 } }).errors).toEqual([expect.stringContaining("subpackage packageShop")])
    expect(check({ extraDistFiles: { 'assets/banner.png': MAX_MEDIA_BYTES + 1 } }).errors).toEqual([expect.stringContaining('assets/banner.png')])
    expect(check({ builtAppid: null })).toEqual({ errors: [], warnings: ['dist/ is not built: run npm run build:weapp'] })
  })

  test('a private key tracked by git fails', () => {
    const root = project()
    fs.writeFileSync(path.join(root, 'private.wx0123456789abcdef.key'), PEM)
    execFileSync('git', ['init', '-q'], { cwd: root })
    execFileSync('git', ['add', '-f', 'private.wx0123456789abcdef.key'], { cwd: root })
    expect(checkRelease(readReleaseFacts(root), { strict: false }).errors).toEqual([expect.stringContaining('private keys are tracked by git: private.wx0123456789abcdef.key')])
  })
})

describe('upload and preview plan', () => {
  const facts = (fixture: Fixture = {}): ReleaseFacts => readReleaseFacts(project(fixture))
  const key = (overrides: Partial<KeyFile> = {}): KeyFile => ({ path: '/secure/private.key', content: PEM, committable: false, ...overrides })

  test('the tourist appid is refused before anything is sent', () => {
    const tourist = facts({ appid: 'touristappid', envAppid: null, builtAppid: 'touristappid' })
    expect(() => planJob('upload', tourist, key(), { lastCommit: 'x' })).toThrow(/upload refused:\n.*touristappid/)
  })

  test.each([
    [{ path: undefined }, 'WECHAT_UPLOAD_KEY is not set'],
    [{ content: null }, 'cannot be read'],
    [{ content: 'hello' }, 'is not a PEM private key'],
    [{ committable: true }, 'is inside the project and not git-ignored'],
  ])('key problem %#: %s', (overrides, message) => {
    expect(() => planJob('upload', facts(), key(overrides), { lastCommit: 'x' })).toThrow(message)
  })

  test('a robot outside 1–30 is refused', () => {
    expect(() => planJob('preview', facts(), key(), { robot: '31', lastCommit: 'x' })).toThrow('WECHAT_CI_ROBOT must be a whole number from 1 to 30')
  })

  test('version from package.json, description from the last commit, settings from project.config.json, pinned miniprogram-ci', () => {
    const job = planJob('upload', facts(), key(), { lastCommit: 'abc1234 Checkout: pickup never asks for a phone', robot: '3' })
    expect(job).toMatchObject({
      action: 'upload',
      appid: APPID,
      version: '1.2.3',
      desc: 'abc1234 Checkout: pickup never asks for a phone',
      robot: 3,
      privateKeyPath: path.resolve('/secure/private.key'),
      setting: { es6: false, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true },
      qrcodeOutputDest: null,
    })
    expect(job.projectPath.endsWith(`${path.sep}dist`)).toBe(true)
    expect(planJob('upload', facts(), key(), { lastCommit: null }).desc).toBe('v1.2.3')
    expect(planJob('preview', facts(), key(), { lastCommit: 'x' }).qrcodeOutputDest).toMatch(/\.tmp[/\\]wechat-preview\.jpg$/)
    const { command, args } = ciCommand(job)
    expect([command, ...args.slice(0, 6)]).toEqual(['npx', '--yes', '--package', MINIPROGRAM_CI, '--', 'node', RUNNER])
  })
})

describe('ci-runner.js with a stand-in miniprogram-ci on PATH', () => {
  /** A fake module that records its calls, in a node_modules/.bin layout like npx's. */
  function fakeCi(version: string, uploadFails = false): { bin: string; log: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-ci-'))
    const moduleDir = path.join(dir, 'node_modules', 'miniprogram-ci')
    fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true })
    fs.mkdirSync(moduleDir)
    const log = path.join(dir, 'calls.json')
    fs.writeFileSync(path.join(moduleDir, 'package.json'), JSON.stringify({ name: 'miniprogram-ci', version, main: 'index.js' }))
    fs.writeFileSync(
      path.join(moduleDir, 'index.js'),
      `const fs = require('fs'); const calls = []; const save = () => fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify(calls))
       class Project { constructor(options) { calls.push(['Project', options]); save() } }
       module.exports = {
         Project,
         upload: async (o) => { calls.push(['upload', { ...o, project: undefined }]); save(); if (${uploadFails}) throw new Error('invalid ip: 1.2.3.4, reference: https://...'); return { subPackageInfo: [{ name: '__FULL__', size: 1 }] } },
         preview: async (o) => { calls.push(['preview', { ...o, project: undefined }]); save() },
       }`,
    )
    return { bin: path.join(dir, 'node_modules', '.bin'), log }
  }

  const job = (action: CiJob['action']): CiJob => ({
    action,
    ciVersion: '2.1.42',
    appid: APPID,
    projectPath: '/p/dist',
    privateKeyPath: '/secure/private.key',
    version: '1.2.3',
    desc: 'abc Fix',
    robot: 2,
    setting: { es6: false, es7: false, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: false },
    qrcodeOutputDest: action === 'preview' ? '/p/.tmp/qr.jpg' : null,
  })
  const runRunner = (bin: string | null, spec: CiJob) =>
    spawnSync(process.execPath, [RUNNER, JSON.stringify(spec)], {
      encoding: 'utf8',
      env: { ...process.env, PATH: [bin, path.dirname(process.execPath)].filter(Boolean).join(path.delimiter) },
    })
  const calls = (log: string) => JSON.parse(fs.readFileSync(log, 'utf8')) as Array<[string, Record<string, unknown>]>

  test('upload: the project with the appid, dist/ and the key, then upload with version, description, robot and settings', () => {
    const fake = fakeCi('2.1.42')
    const result = runRunner(fake.bin, job('upload'))
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('uploaded 1.2.3')
    expect(calls(fake.log)).toEqual([
      ['Project', { appid: APPID, type: 'miniProgram', projectPath: '/p/dist', privateKeyPath: '/secure/private.key', ignores: ['node_modules/**/*'] }],
      ['upload', expect.objectContaining({ version: '1.2.3', desc: 'abc Fix', robot: 2, setting: job('upload').setting })],
    ])
  })

  test('preview writes the QR code where the plan says', () => {
    const fake = fakeCi('2.1.42')
    expect(runRunner(fake.bin, job('preview')).status).toBe(0)
    expect(calls(fake.log)[1]).toEqual(['preview', expect.objectContaining({ qrcodeFormat: 'image', qrcodeOutputDest: '/p/.tmp/qr.jpg' })])
  })

  test("WeChat's refusal, another miniprogram-ci version, or none on PATH: exit 1 with the reason", () => {
    const failing = runRunner(fakeCi('2.1.42', true).bin, job('upload'))
    expect([failing.status, failing.stderr]).toEqual([1, expect.stringContaining('miniprogram-ci failed: invalid ip: 1.2.3.4')])
    const other = runRunner(fakeCi('1.0.0').bin, job('upload'))
    expect([other.status, other.stderr]).toEqual([1, expect.stringContaining('miniprogram-ci 1.0.0 found')])
    const none = runRunner(null, job('upload'))
    expect([none.status, none.stderr]).toEqual([1, expect.stringContaining('is not on PATH')])
  })
})
