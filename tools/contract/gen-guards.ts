/**
 * `npm run gen:guards`: writes src/services/api/generated/ from contract/schemas.ts (one guard per
 * file, see guards-generator.ts). `--check` only compares and exits 1 when the folder is stale
 * (test/tools/generated-guards.test.ts does the same).
 */
import fs from 'node:fs'
import path from 'node:path'
import * as contract from '../../contract/schemas'
import { renderGuards } from './guards-generator'

const ROOT = path.resolve(__dirname, '..', '..')
export const CONTRACT_PATH = path.join(ROOT, 'contract', 'schemas.ts')
export const GUARDS_DIR = path.join(ROOT, 'src', 'services', 'api', 'generated')

/** Type names contract/schemas.ts exports (declared there or re-exported by name). */
export function exportedTypeNames(source: string): Set<string> {
  const names = new Set<string>()
  for (const match of source.matchAll(/^export (?:type|interface) (\w+)/gm)) names.add(match[1] ?? '')
  for (const match of source.matchAll(/^export type \{([^}]*)\}/gm)) {
    for (const name of (match[1] ?? '').split(',')) names.add(name.trim().split(/\s+as\s+/).pop() ?? '')
  }
  return names
}

/** File name → content, as the generator writes them today. */
export function currentGuards(): Record<string, string> {
  const importPath = path.relative(GUARDS_DIR, CONTRACT_PATH).replace(/\\/g, '/').replace(/\.ts$/, '')
  return renderGuards({ contract, typeNames: exportedTypeNames(fs.readFileSync(CONTRACT_PATH, 'utf8')), importPath })
}

/** null when `dir` holds exactly what the generator writes now; otherwise what differs and what to do. */
export function staleness(dir: string): string | null {
  const expected = currentGuards()
  const present = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.ts')) : []
  const differing = [
    ...Object.keys(expected).filter((name) => !present.includes(name) || fs.readFileSync(path.join(dir, name), 'utf8') !== expected[name]),
    ...present.filter((name) => !(name in expected)),
  ]
  return differing.length === 0 ? null : `${path.relative(ROOT, dir)} is stale (${differing.sort().join(', ')}): run \`npm run gen:guards\``
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const problem = staleness(GUARDS_DIR)
    if (problem) {
      process.stderr.write(`${problem}\n`)
      process.exit(1)
    }
  } else {
    const files = currentGuards()
    fs.rmSync(GUARDS_DIR, { recursive: true, force: true })
    fs.mkdirSync(GUARDS_DIR, { recursive: true })
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(GUARDS_DIR, name), content)
    process.stdout.write(`wrote ${Object.keys(files).length} files to ${path.relative(ROOT, GUARDS_DIR)}\n`)
  }
}
