/**
 * What is in each output file of a production build, and why: `npm run profile:bundle -- weapp|h5`
 * builds with BundleStatsPlugin on and prints, per JS file, its modules grouped by package (or by
 * source folder), largest first, with the modules that import each source module.
 * `--stats <file>` reports on an existing stats file without building.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import type { BundleStats } from '../../config/bundle-stats'

const ROOT = path.resolve(__dirname, '..', '..')

/** The package a module belongs to (`react-dom`, `@tarojs/runtime`) or its source folder (`src/components/pay-sheet`). */
export function ownerOf(moduleName: string): string {
  const clean = moduleName.replace(/^\.\//, '').replace(/ \+ \d+ modules$/, '').replace(/\?.*$/, '')
  const nodeModules = clean.lastIndexOf('node_modules/')
  if (nodeModules >= 0) {
    const parts = clean.slice(nodeModules + 'node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? clean)
  }
  const parts = clean.split('/')
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || clean
}

export interface FileProfile {
  file: string
  bytes: number
  owners: Array<{ owner: string; bytes: number; modules: Array<{ name: string; size: number; issuers: string[] }> }>
}

/** Modules per output JS file, grouped by owner, largest first (sizes are webpack's pre-minification sizes). */
export function profileFiles(stats: BundleStats): FileProfile[] {
  const filesOfChunk = new Map(stats.chunks.map((chunk) => [chunk.id, chunk.files.filter((file) => file.endsWith('.js'))]))
  const byFile = new Map<string, Map<string, FileProfile['owners'][number]>>()
  for (const module of stats.modules) {
    for (const chunk of module.chunks) {
      for (const file of filesOfChunk.get(chunk) ?? []) {
        const owners = byFile.get(file) ?? new Map<string, FileProfile['owners'][number]>()
        byFile.set(file, owners)
        const owner = ownerOf(module.name)
        const entry = owners.get(owner) ?? { owner, bytes: 0, modules: [] }
        owners.set(owner, entry)
        entry.bytes += module.size
        entry.modules.push({ name: module.name, size: module.size, issuers: module.issuers })
      }
    }
  }
  return [...byFile.entries()]
    .map(([file, owners]) => {
      const list = [...owners.values()].sort((a, b) => b.bytes - a.bytes)
      return { file, bytes: list.reduce((sum, owner) => sum + owner.bytes, 0), owners: list }
    })
    .sort((a, b) => b.bytes - a.bytes)
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function renderProfile(files: FileProfile[], outDir: string): string {
  const lines: string[] = []
  for (const file of files) {
    const onDisk = fs.existsSync(path.join(outDir, file.file)) ? kb(fs.statSync(path.join(outDir, file.file)).size) : '?'
    lines.push(`${file.file}: ${onDisk} on disk, ${kb(file.bytes)} of modules before minification`)
    for (const owner of file.owners.slice(0, 15)) {
      lines.push(`  ${kb(owner.bytes).padStart(9)}  ${owner.owner}`)
      if (owner.owner.startsWith('src/')) {
        for (const module of owner.modules.sort((a, b) => b.size - a.size).slice(0, 4)) {
          const issuers = module.issuers.map(ownerOf).filter((issuer, index, all) => all.indexOf(issuer) === index)
          lines.push(`             ${module.name.replace(/^\.\//, '')} ← ${issuers.slice(0, 4).join(', ')}${issuers.length > 4 ? ', …' : ''}`)
        }
      }
    }
  }
  return lines.join('\n')
}

/**
 * Minified bytes of each module in a built weapp chunk file, by output module id. The file is run
 * in a sandbox whose `wx.webpackJsonp` only records what the chunk pushes; each module function's
 * own source text is what the minifier left of it.
 */
export function minifiedModuleBytes(source: string): Map<string, number> {
  const pushed: unknown[] = []
  const context = vm.createContext({ wx: { webpackJsonp: pushed }, require: () => ({}) })
  vm.runInContext(source, context, { timeout: 5000 })
  const bytes = new Map<string, number>()
  for (const entry of pushed) {
    const modules = Array.isArray(entry) ? (entry[1] as unknown) : undefined
    if (typeof modules !== 'object' || modules === null) continue
    for (const [id, factory] of Object.entries(modules)) {
      if (typeof factory === 'function') bytes.set(id, Buffer.byteLength(String(factory)) + Buffer.byteLength(id) + 2)
    }
  }
  return bytes
}

/** Per main-package JS file: its output modules by minified bytes, named by the source modules in each. */
export function renderMinified(stats: BundleStats, outDir: string, files: string[], top = 25): string {
  const namesById = new Map<string, string[]>()
  for (const module of stats.modules) {
    if (module.id === undefined) continue
    namesById.set(module.id, [...(namesById.get(module.id) ?? []), module.name.replace(/^\.\//, '').replace(/\?.*$/, '')])
  }
  const lines: string[] = []
  for (const file of files) {
    const target = path.join(outDir, file)
    if (!fs.existsSync(target)) continue
    const bytes = [...minifiedModuleBytes(fs.readFileSync(target, 'utf8'))].sort((a, b) => b[1] - a[1])
    lines.push(`${file}: ${kb(fs.statSync(target).size)} on disk, minified bytes per output module`)
    for (const [id, size] of bytes.slice(0, top)) {
      const names = namesById.get(id) ?? [`module ${id}`]
      const [first = '', ...rest] = names.filter((name) => !name.includes('taro-loader'))
      lines.push(`  ${String(size).padStart(7)} B  ${first || names[0]}${rest.length > 0 ? ` + ${rest.length} concatenated: ${rest.map((name) => path.basename(name)).join(', ')}` : ''}`)
    }
    if (bytes.length > top) lines.push(`  … ${bytes.length - top} more, ${bytes.slice(top).reduce((sum, [, size]) => sum + size, 0)} B`)
  }
  return lines.join('\n')
}

/** The JS files of a weapp build's main package (outside every subpackage root). */
function mainPackageJs(outDir: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(outDir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/?$/, '/'))
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(outDir, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!roots.includes(`${rel}/`)) walk(rel)
      } else if (entry.name.endsWith('.js')) found.push(rel)
    }
  }
  walk('')
  return found.sort()
}

function main(): void {
  const args = process.argv.slice(2)
  const type = args.find((arg) => arg === 'weapp' || arg === 'h5') ?? 'weapp'
  const statsIndex = args.indexOf('--stats')
  let statsFile = statsIndex >= 0 ? path.resolve(args[statsIndex + 1] ?? '') : path.join(ROOT, '.tmp', 'bundle', `${type}.json`)
  if (statsIndex < 0) {
    statsFile = path.join(ROOT, '.tmp', 'bundle', `${type}.json`)
    const taro = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro')
    execFileSync(process.execPath, [taro, 'build', '--type', type], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', BUNDLE_STATS: statsFile } })
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as BundleStats
  const outDir = path.join(ROOT, type === 'h5' ? 'dist-h5' : 'dist')
  process.stdout.write(`${renderProfile(profileFiles(stats), outDir)}\n`)
  // The main package's files once more, by what the minifier left of each module (weapp only).
  if (type === 'weapp') process.stdout.write(`\nMain package, minified:\n${renderMinified(stats, outDir, mainPackageJs(outDir))}\n`)
}

if (require.main === module) main()
