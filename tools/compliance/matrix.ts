/**
 * The README's compliance matrix, generated: rules from docs/compliance-rules.md, code from
 * matrix-map.ts, tests found by their titles (a test carries a rule when its title starts with the
 * rule ID). `npm run docs:matrix` rewrites the README section; test/compliance fails when the
 * README is stale or a rule has neither a test nor a planned/n-a status.
 */
import fs from 'node:fs'
import path from 'node:path'
import { RULE_MAP, type RuleEntry } from './matrix-map'

export const ROOT = path.resolve(__dirname, '..', '..')
export const RULES_PATH = path.join(ROOT, 'docs', 'compliance-rules.md')
export const README_PATH = path.join(ROOT, 'README.md')
const START = '<!-- compliance-matrix:start -->'
const END = '<!-- compliance-matrix:end -->'
const TEST_DIRS = ['test', 'server/test']

export interface Rule {
  id: string
  summary: string
}

/** Rule IDs and their one-line summaries (first sentence, source references dropped), in order. */
export function parseRules(markdown: string): Rule[] {
  // A rule is a "- **WX-…** — text" bullet whose text may wrap onto indented lines.
  const unwrapped = markdown.replace(/\n {2,}(?=\S)/g, ' ')
  const rules: Rule[] = []
  for (const match of unwrapped.matchAll(/^- \*\*(WX-[A-Z]+-\d+)\*\* — (.+)$/gm)) {
    const text = (match[2] ?? '').replace(/\s*\((?:\d{3}\b|official docs)[^]*$/, '')
    const firstSentence = text.split(/\.\s/)[0] ?? text
    rules.push({ id: match[1] ?? '', summary: firstSentence.replace(/\.$/, '') })
  }
  return rules
}

/** Rule IDs at the start of a test title: "WX-A-1, WX-B-2: …", "WX-A-1/WX-A-2 …". */
export function ruleIdsOfTitle(title: string): string[] {
  const prefix = title.match(/^WX-[A-Z]+-\d+(?:\s*(?:,|\/|and)\s*WX-[A-Z]+-\d+)*/)
  return prefix ? (prefix[0].match(/WX-[A-Z]+-\d+/g) ?? []) : []
}

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full)
    return /\.(test|e2e)\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** rule ID → test file (relative) → number of titles carrying it. */
export function findRuleTests(root: string = ROOT): Map<string, Map<string, number>> {
  const found = new Map<string, Map<string, number>>()
  for (const file of TEST_DIRS.flatMap((dir) => testFiles(path.join(root, dir)))) {
    const source = fs.readFileSync(file, 'utf8')
    const relative = path.relative(root, file).split(path.sep).join('/')
    // A title is the first argument of it/test/describe, including it.each([…])('…').
    const titles = /\b(?:it|test|describe)(?:\.(?:only|skip|concurrent))?(?:\.each\([\s\S]*?\]\s*\))?\(\s*(?:'(WX-[^'\n]*)'|"(WX-[^"\n]*)"|`(WX-[^`\n]*)`)/g
    for (const match of source.matchAll(titles)) {
      for (const id of ruleIdsOfTitle(match[1] ?? match[2] ?? match[3] ?? '')) {
        const files = found.get(id) ?? new Map<string, number>()
        files.set(relative, (files.get(relative) ?? 0) + 1)
        found.set(id, files)
      }
    }
  }
  return found
}

function statusText(entry: RuleEntry | undefined, tested: boolean): string {
  if (entry?.status === 'n/a') return `n/a — ${entry.note ?? ''}`
  if (entry?.status && typeof entry.status === 'object') return `planned (#${entry.status.planned})${entry.note ? ` — ${entry.note}` : ''}`
  if (!tested) return '**missing**'
  return entry?.note ? `partial — ${entry.note}` : 'done'
}

export function renderMatrix(rules: Rule[], tests: Map<string, Map<string, number>>, map: Record<string, RuleEntry> = RULE_MAP): string {
  const rows = rules.map((rule) => {
    const entry = map[rule.id]
    const ruleTests = tests.get(rule.id)
    const code = (entry?.code ?? []).map((file) => `\`${file}\``).join('<br>') || '—'
    const testCell = ruleTests ? [...ruleTests.keys()].map((file) => `\`${file}\``).join('<br>') : '—'
    return `| ${rule.id} | ${rule.summary.replace(/\|/g, '\\|')} | ${code} | ${testCell} | ${statusText(entry, ruleTests !== undefined)} |`
  })
  return ['| rule | what | code | tests (titles starting with the ID) | status |', '|---|---|---|---|---|', ...rows].join('\n')
}

/** Everything wrong with the matrix inputs (empty when consistent). */
export function matrixProblems(rules: Rule[], tests: Map<string, Map<string, number>>, map: Record<string, RuleEntry> = RULE_MAP, root: string = ROOT): string[] {
  const problems: string[] = []
  const ids = new Set(rules.map((rule) => rule.id))
  for (const rule of rules) {
    const entry = map[rule.id]
    const tested = tests.has(rule.id)
    if (!entry) problems.push(`${rule.id}: no entry in tools/compliance/matrix-map.ts`)
    else if (entry.status === 'n/a' && !entry.note) problems.push(`${rule.id}: "n/a" needs a reason`)
    else if (!tested && entry.status === undefined) problems.push(`${rule.id}: no test title starts with ${rule.id}, and it is neither planned nor n/a`)
    else if (tested && entry.code.length === 0) problems.push(`${rule.id}: has tests but names no code`)
    for (const file of entry?.code ?? []) {
      if (!fs.existsSync(path.join(root, file))) problems.push(`${rule.id}: code path ${file} does not exist`)
    }
  }
  for (const id of Object.keys(map)) if (!ids.has(id)) problems.push(`${id}: in matrix-map.ts but not in the rules`)
  for (const id of tests.keys()) if (!ids.has(id)) problems.push(`${id}: a test names a rule that does not exist`)
  return problems
}

export function replaceSection(readme: string, table: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`)
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`
}

export function currentMatrix(): string {
  return renderMatrix(parseRules(fs.readFileSync(RULES_PATH, 'utf8')), findRuleTests())
}

if (require.main === module) {
  const rules = parseRules(fs.readFileSync(RULES_PATH, 'utf8'))
  const tests = findRuleTests()
  fs.writeFileSync(README_PATH, replaceSection(fs.readFileSync(README_PATH, 'utf8'), renderMatrix(rules, tests)))
  const problems = matrixProblems(rules, tests)
  process.stdout.write(`README matrix: ${rules.length} rules, ${rules.filter((rule) => tests.has(rule.id)).length} with tests\n`)
  if (problems.length > 0) {
    process.stderr.write(problems.map((problem) => `✖ ${problem}`).join('\n') + '\n')
    process.exit(1)
  }
}
