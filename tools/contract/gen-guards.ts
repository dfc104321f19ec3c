/**
 * `npm run gen:guards`: writes src/services/api/generated/guards.ts from contract/schemas.ts.
 * `--check` only compares and exits 1 when the file is stale (the test does the same).
 */
import fs from 'node:fs'
import path from 'node:path'
import * as contract from '../../contract/schemas'
import { renderGuards } from './guards-generator'

const ROOT = path.resolve(__dirname, '..', '..')
export const CONTRACT_PATH = path.join(ROOT, 'contract', 'schemas.ts')
export const GUARDS_PATH = path.join(ROOT, 'src', 'services', 'api', 'generated', 'guards.ts')

/** Type names contract/schemas.ts exports (declared there or re-exported by name). */
export function exportedTypeNames(source: string): Set<string> {
  const names = new Set<string>()
  for (const match of source.matchAll(/^export (?:type|interface) (\w+)/gm)) names.add(match[1] ?? '')
  for (const match of source.matchAll(/^export type \{([^}]*)\}/gm)) {
    for (const name of (match[1] ?? '').split(',')) names.add(name.trim().split(/\s+as\s+/).pop() ?? '')
  }
  return names
}

export function currentGuards(): string {
  const importPath = path.relative(path.dirname(GUARDS_PATH), CONTRACT_PATH).replace(/\\/g, '/').replace(/\.ts$/, '')
  return renderGuards({ exports: contract, typeNames: exportedTypeNames(fs.readFileSync(CONTRACT_PATH, 'utf8')), importPath })
}

/** null when `file` holds exactly what the generator writes now; otherwise what to do. */
export function staleness(file: string): string | null {
  const written = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  return written === currentGuards() ? null : `${path.relative(ROOT, file)} is stale: run \`npm run gen:guards\``
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const problem = staleness(GUARDS_PATH)
    if (problem) {
      process.stderr.write(`${problem}\n`)
      process.exit(1)
    }
  } else {
    fs.mkdirSync(path.dirname(GUARDS_PATH), { recursive: true })
    fs.writeFileSync(GUARDS_PATH, currentGuards())
    process.stdout.write(`wrote ${path.relative(ROOT, GUARDS_PATH)}\n`)
  }
}
