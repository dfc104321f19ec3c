/**
 * Generates docs/privacy-declaration.md from the privacy catalog: what to declare in the admin
 * console's 用户隐私保护指引 and what the app discloses in-app only (WX-PRIV-6).
 * `npm run docs:privacy` rewrites it; test/compliance fails when the two disagree.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DISCLOSED_ITEMS, type DisclosedItem } from '../../src/services/privacy/catalog-details'

export const DECLARATION_PATH = path.resolve(__dirname, '..', '..', 'docs', 'privacy-declaration.md')

const cell = (text: string) => text.replace(/\|/g, '\\|')
const code = (values: string[]) => values.map((value) => `\`${value}\``).join('; ')

/** The marker each item leaves in the document, so a missing item is detectable. */
export const itemMarker = (item: DisclosedItem) => `<!-- item:${item.id} -->`

export function renderPrivacyDeclaration(items: readonly DisclosedItem[] = DISCLOSED_ITEMS): string {
  const declared = new Map<string, DisclosedItem[]>()
  for (const item of items) {
    if (item.adminDeclaration === null) continue
    declared.set(item.adminDeclaration, [...(declared.get(item.adminDeclaration) ?? []), item])
  }
  const inAppOnly = items.filter((item) => item.adminDeclaration === null)

  const lines = [
    '# Privacy declaration (用户隐私保护指引)',
    '',
    'Generated from `src/services/privacy/catalog.ts` by `npm run docs:privacy`. Do not edit by hand:',
    'a test fails when this file and the catalog disagree.',
    '',
    '## Declare in the admin console',
    '',
    'In the mini program admin console, 设置 → 服务内容声明 → 用户隐私保护指引, declare each information',
    'type below with its purpose. WeChat disables an API whose type is not declared (errno 112), and',
    'the privacy service then reports the missing declaration by name.',
    '',
    '| 信息类型 (declare) | 用途 (purpose to enter) | collected through | catalog items |',
    '|---|---|---|---|',
    ...[...declared.entries()].map(([declaration, group]) =>
      `| ${cell(declaration)} | ${cell(group.map((item) => item.purpose).join(' '))} | ${cell(code(group.flatMap((item) => item.collectedVia)))} | ${group.map((item) => `${item.id} ${itemMarker(item)}`).join(', ')} |`,
    ),
    '',
    '## Disclosed in the app only',
    '',
    'Not collected through a WeChat privacy interface, so there is nothing to tick in the console;',
    'the app still states them on the 隐私与数据 page and in its in-app guide.',
    '',
    '| item | purpose | collected through | kept |',
    '|---|---|---|---|',
    ...inAppOnly.map((item) =>
      `| ${cell(item.title)} (${item.id}) ${itemMarker(item)} | ${cell(item.purpose)} | ${cell(code(item.collectedVia))} | ${cell(item.retention)} |`,
    ),
    '',
    '## Authorization scopes',
    '',
    '| scope | item | in-page reason |',
    '|---|---|---|',
    ...items.filter((item) => item.scope !== null).map((item) => `| ${item.scope} | ${item.id} | ${cell(item.reason)} |`),
    '',
  ]
  return lines.join('\n')
}

/** Catalog items a declaration document does not mention. */
export function missingFromDeclaration(document: string, items: readonly DisclosedItem[] = DISCLOSED_ITEMS): string[] {
  return items.filter((item) => !document.includes(itemMarker(item))).map((item) => item.id)
}

if (require.main === module) {
  fs.writeFileSync(DECLARATION_PATH, renderPrivacyDeclaration())
  process.stdout.write(`wrote ${path.relative(process.cwd(), DECLARATION_PATH)}\n`)
}
