/**
 * Checks a built weapp dist/: app config, that every page exists, that the official WXML and
 * WXSS compilers accept it, and package sizes. Used by `npm run check:weapp` and by tests.
 */
import fs from 'node:fs'
import path from 'node:path'
import { wxmlToJs } from 'miniprogram-compiler'
import wcsc from 'miniprogram-compiler/src/wcsc'
import { checkPrivacyConfig, declarableApisUsed, readSources } from './privacy-config'

export interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string; text: string }> }
  __usePrivacyCheck__?: boolean
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc?: string } | undefined>
}

export function readAppJson(distDir: string): AppJson {
  return JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
}

export function subPackagesOf(app: AppJson): Array<{ root: string; pages: string[] }> {
  return app.subPackages ?? app.subpackages ?? []
}

/** Every page path (main and subpackages), as the runtime resolves them. */
export function allPages(app: AppJson): string[] {
  const sub = subPackagesOf(app).flatMap((pkg) => pkg.pages.map((page) => path.posix.join(pkg.root, page)))
  return [...app.pages, ...sub]
}

/** Problems with the app config and page files of a built dist/ (empty when fine). */
export function checkBuiltApp(distDir: string, app: AppJson = readAppJson(distDir)): string[] {
  const problems: string[] = []
  if (app.__usePrivacyCheck__ !== true) problems.push('app.json: __usePrivacyCheck__ must be true (WX-PRIV-8)')
  const pages = allPages(app)
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!fs.existsSync(path.join(distDir, page + ext))) problems.push(`page ${page}: missing ${page}${ext}`)
    }
  }
  for (const tab of app.tabBar?.list ?? []) {
    if (!app.pages.includes(tab.pagePath)) problems.push(`tabBar page ${tab.pagePath} is not a main-package page`)
  }
  return problems
}

function filesUnder(dir: string, ext: string): string[] {
  const found: string[] = []
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith(ext)) found.push(path.relative(dir, full).split(path.sep).join('/'))
    }
  }
  walk(dir)
  return found.sort()
}

/** Compiles every .wxml with the official wcc; throws with the compiler's message on error. */
export function compileWxml(distDir: string): number {
  const files = filesUnder(distDir, '.wxml')
  wxmlToJs(distDir, { maxBuffer: 64 * 1024 * 1024 })
  return files.length
}

/** Compiles every .wxss with the official wcsc; throws with the compiler's message on error. */
export function compileWxss(distDir: string): number {
  const files = filesUnder(distDir, '.wxss')
  const result = wcsc(distDir, files.map((file) => file.slice(0, -'.wxss'.length)), { maxBuffer: 64 * 1024 * 1024 })
  if (result instanceof Error) throw result
  return files.length
}

function sizeOf(target: string): number {
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.size
  return fs.readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0)
}

export interface PackageSizes {
  main: number
  subpackages: Record<string, number>
  total: number
}

/** Bytes per package as WeChat counts them (main = everything outside subpackage roots). */
export function measurePackages(distDir: string, app: AppJson = readAppJson(distDir)): PackageSizes {
  const total = sizeOf(distDir) - (fs.existsSync(path.join(distDir, 'project.config.json')) ? sizeOf(path.join(distDir, 'project.config.json')) : 0)
  const subpackages: Record<string, number> = {}
  for (const pkg of subPackagesOf(app)) {
    const dir = path.join(distDir, pkg.root)
    subpackages[pkg.root] = fs.existsSync(dir) ? sizeOf(dir) : 0
  }
  const mainPackage = total - Object.values(subpackages).reduce((sum, size) => sum + size, 0)
  return { main: mainPackage, subpackages, total }
}

/**
 * WeChat's limits and the template's own, tighter, main-package budget. Measured on 2026-11-29: the
 * main package is 311.4 KB; the empty Taro 4.2.1 template built in the same run
 * (tools/perf/empty-template.ts) is 277.0 KB with Taro's default settings, 1.12×, and 243.5 KB with
 * this repository's size settings (config/size-settings.ts: baseLevel 12, terser, the ES2020 JS
 * target, single-level templates for catch-view, ScrollView and Form), 1.28×. Both ratios are
 * checked. The like-for-like one is the honest measure of our own code: those settings take the
 * same bytes off any Taro app, so they shrink the ratio against Taro's defaults without shrinking
 * our code. What remains above the template is this app's own code and styles for the tab pages'
 * first render (common.js 36.1 KB: privacy service and consent sheet, login sheet, API client,
 * session, cart) — see docs/performance.md. Each budget leaves ≈ 1% for noise.
 */
export const SIZE_BUDGET = {
  mainPackage: 314 * 1024,
  /** Main package ÷ the empty template built in the same run with the same size settings. */
  mainPackageVsEmptyTemplate: 1.29,
  /** Main package ÷ the empty template built in the same run with Taro's default settings. */
  mainPackageVsDefaultTemplate: 1.13,
  /** WeChat: each package (main or sub) at most 2 MB. */
  anyPackage: 2 * 1024 * 1024,
  /** WeChat: all packages together at most 20 MB. */
  total: 20 * 1024 * 1024,
}

/** Main-package bytes of the empty template built in the same run (either may be absent). */
export interface EmptyTemplateMain {
  /** Built with this repository's size settings (config/size-settings.ts): like for like. */
  sameSettings?: number
  /** Built with Taro's default settings. */
  defaults?: number
}

const RATIOS = [
  { key: 'sameSettings', budget: 'mainPackageVsEmptyTemplate', label: 'with the same size settings' },
  { key: 'defaults', budget: 'mainPackageVsDefaultTemplate', label: "with Taro's default settings" },
] as const

/** "1.27× the empty template's 262.5 KB with the same size settings", per template given. */
export function describeRatios(mainPackage: number, empty: EmptyTemplateMain): string[] {
  return RATIOS.flatMap(({ key, label }) => {
    const base = empty[key]
    return base === undefined ? [] : [`${(mainPackage / base).toFixed(2)}× the empty template's ${kb(base)} ${label}`]
  })
}

/**
 * Budget violations (empty when within budget). With the empty template's main package sizes from
 * the same run, the ratios are checked too (absolute sizes move with Taro's version; the ratio less).
 */
export function checkSizes(sizes: PackageSizes, budget = SIZE_BUDGET, empty: EmptyTemplateMain = {}): string[] {
  const problems: string[] = []
  if (sizes.main > budget.mainPackage) problems.push(`main package ${kb(sizes.main)} exceeds the ${kb(budget.mainPackage)} budget`)
  for (const { key, budget: budgetKey, label } of RATIOS) {
    const base = empty[key]
    if (base === undefined) continue
    const ratio = sizes.main / base
    if (ratio > budget[budgetKey]) {
      problems.push(`main package ${kb(sizes.main)} is ${ratio.toFixed(2)}× the empty template's ${kb(base)} ${label} (budget ${budget[budgetKey].toFixed(2)}×)`)
    }
  }
  if (sizes.main > budget.anyPackage) problems.push(`main package ${kb(sizes.main)} exceeds WeChat's 2 MB package limit`)
  for (const [root, size] of Object.entries(sizes.subpackages)) {
    if (size > budget.anyPackage) problems.push(`subpackage ${root} ${kb(size)} exceeds WeChat's 2 MB package limit`)
  }
  if (sizes.total > budget.total) problems.push(`total ${kb(sizes.total)} exceeds WeChat's 20 MB limit`)
  return problems
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? 'dist')
  // `-- --empty-template .tmp/empty-template/dist --empty-template-same-settings .tmp/empty-template/dist-same-settings`
  // (both built by tools/perf/empty-template.ts) add the ratio checks.
  const mainOf = (flag: string) => {
    const index = process.argv.indexOf(flag)
    return index > 0 ? measurePackages(path.resolve(process.argv[index + 1] ?? '')).main : undefined
  }
  const empty: EmptyTemplateMain = { sameSettings: mainOf('--empty-template-same-settings'), defaults: mainOf('--empty-template') }
  const app = readAppJson(distDir)
  const wxml = compileWxml(distDir)
  const wxss = compileWxss(distDir)
  const sizes = measurePackages(distDir, app)
  const usedApis = declarableApisUsed(readSources(path.resolve(__dirname, '..', '..', 'src')))
  const problems = [...checkBuiltApp(distDir, app), ...checkPrivacyConfig(app, usedApis), ...checkSizes(sizes, SIZE_BUDGET, empty)]
  process.stdout.write(
    `weapp dist: ${allPages(app).length} pages, ${wxml} WXML and ${wxss} WXSS files compiled by the official wcc/wcsc\n` +
      `privacy: __usePrivacyCheck__ ${String(app.__usePrivacyCheck__)}, requiredPrivateInfos [${(app.requiredPrivateInfos ?? []).join(', ')}], code calls [${[...usedApis].join(', ')}]\n` +
      `sizes: ${[`main ${kb(sizes.main)}${describeRatios(sizes.main, empty).length > 0 ? ` (${describeRatios(sizes.main, empty).join('; ')})` : ''}`, ...Object.entries(sizes.subpackages).map(([root, size]) => `${root} ${kb(size)}`), `total ${kb(sizes.total)}`].join(', ')}\n`,
  )
  if (problems.length > 0) {
    process.stderr.write(problems.map((problem) => `✖ ${problem}`).join('\n') + '\n')
    process.exit(1)
  }
}

if (require.main === module) main()
