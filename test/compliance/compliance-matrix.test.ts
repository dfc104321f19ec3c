import fs from 'node:fs'
import path from 'node:path'
import {
  currentMatrix,
  findRuleTests,
  matrixProblems,
  parseRules,
  README_PATH,
  ROOT,
  RULES_PATH,
  ruleIdsOfTitle,
} from '../../tools/compliance/matrix'

const rules = parseRules(fs.readFileSync(RULES_PATH, 'utf8'))

describe('compliance matrix', () => {
  it('reads every rule of docs/compliance-rules.md', () => {
    expect(rules).toHaveLength(51)
    expect(rules[0]).toEqual({ id: 'WX-LAUNCH-1', summary: 'Opening the app shows real content at once' })
  })

  it("docs/compliance-rules.md carries the same rule IDs as the team's shared catalog", () => {
    const shared = path.resolve(ROOT, '..', 'shared', 'COMPLIANCE-RULES.md')
    if (!fs.existsSync(shared)) return // a scaffolded copy of the template has only its own docs/
    expect(parseRules(fs.readFileSync(shared, 'utf8')).map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id))
  })

  it('every rule has tests carrying its ID, or is planned by an issue, or is n/a with a reason; code paths exist', () => {
    expect(matrixProblems(rules, findRuleTests())).toEqual([])
  })

  it('the README matrix is current (regenerate with npm run docs:matrix)', () => {
    expect(fs.readFileSync(README_PATH, 'utf8')).toContain(currentMatrix())
  })

  it('a rule with neither a test nor a status is reported', () => {
    const problems = matrixProblems([{ id: 'WX-TEST-1', summary: 'x' }], new Map(), { 'WX-TEST-1': { code: [] } })
    expect(problems).toEqual(['WX-TEST-1: no test title starts with WX-TEST-1, and it is neither planned nor n/a'])
    expect(matrixProblems([{ id: 'WX-TEST-1', summary: 'x' }], new Map(), { 'WX-TEST-1': { code: [], status: 'n/a' } })).toEqual([
      'WX-TEST-1: "n/a" needs a reason',
    ])
  })

  it('reads rule IDs only from the start of a title', () => {
    expect(ruleIdsOfTitle('WX-PRIV-1, WX-PRIV-2: sheet')).toEqual(['WX-PRIV-1', 'WX-PRIV-2'])
    expect(ruleIdsOfTitle('WX-LOGIN-1/WX-LOGIN-2 cancel')).toEqual(['WX-LOGIN-1', 'WX-LOGIN-2'])
    expect(ruleIdsOfTitle('cart keeps WX-LOGIN-2')).toEqual([])
  })
})
