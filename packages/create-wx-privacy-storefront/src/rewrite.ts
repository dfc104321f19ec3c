/**
 * Turns the template's text files into a new shop's: names, appid, API base, shop name, and the
 * removal of what only the template repository needs. Pure: files in, files out. Each rule fails
 * loudly when the template no longer has what it rewrites, so a template change that would leave
 * a stale name behind breaks the initializer's tests instead of a user's project.
 */
import { TOURIST_APPID, type Answers } from './options'

/** The template's own package name: every mention becomes the new package name. */
export const TEMPLATE_NAME = 'wx-privacy-storefront'
/** The demo outlets' brand in the server seed and its tests: becomes the shop name. */
export const DEMO_BRAND = '鲜选生活'
const DEMO_OUTLETS = 'server/src/seed/outlet-data.ts'
/** Lines between these markers (any comment syntax) exist only in the template repository. */
export const TEMPLATE_ONLY_START = 'template-only:start'
export const TEMPLATE_ONLY_END = 'template-only:end'
/** A script whose command reaches into packages/ needs the initializer, which a shop does not have. */
const TEMPLATE_ONLY_SCRIPT = /(^|[\s"'/])packages\//

export type TextFiles = Map<string, string>

export class TemplateDriftError extends Error {
  constructor(file: string, what: string) {
    super(`template file ${file}: ${what} not found; update the initializer's rewrite rules (packages/create-wx-privacy-storefront/src/rewrite.ts)`)
  }
}

function required(files: TextFiles, file: string): string {
  const content = files.get(file)
  if (content === undefined) throw new TemplateDriftError(file, 'the file')
  return content
}

/** Replaces one pattern in one file; the pattern must match. */
function replaceIn(files: TextFiles, file: string, pattern: RegExp, replacement: string, what: string): void {
  const content = required(files, file)
  if (!pattern.test(content)) throw new TemplateDriftError(file, what)
  files.set(file, content.replace(pattern, () => replacement))
}

function editJson(files: TextFiles, file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(required(files, file)) as Record<string, unknown>
  edit(json)
  files.set(file, `${JSON.stringify(json, null, 2)}\n`)
}

function asRecord(value: unknown, file: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TemplateDriftError(file, what)
  return value as Record<string, unknown>
}

/** Sets KEY="value" in a Taro env-mode file, on the (possibly commented-out) line that names it. */
export function setEnvValue(content: string, key: string, value: string, file = '.env'): string {
  const line = new RegExp(`^#?\\s*${key}=.*$`, 'm')
  if (!line.test(content)) throw new TemplateDriftError(file, `a ${key}= line`)
  return content.replace(line, () => `${key}="${value}"`)
}

/**
 * Cuts template-only blocks out of a file. `replacement` takes the place of the first block
 * (the README's project header); later blocks are removed.
 */
export function stripTemplateOnly(content: string, file: string, replacement = ''): string {
  const lines = content.split('\n')
  const out: string[] = []
  let inside = false
  let replaced = false
  for (const line of lines) {
    if (line.includes(TEMPLATE_ONLY_START)) {
      if (inside) throw new TemplateDriftError(file, `the ${TEMPLATE_ONLY_END} before a second ${TEMPLATE_ONLY_START}`)
      inside = true
      if (!replaced && replacement) out.push(...replacement.replace(/\n$/, '').split('\n'))
      replaced = true
      continue
    }
    if (line.includes(TEMPLATE_ONLY_END)) {
      if (!inside) throw new TemplateDriftError(file, `a ${TEMPLATE_ONLY_START} before ${TEMPLATE_ONLY_END}`)
      inside = false
      continue
    }
    if (!inside) out.push(line)
  }
  if (inside) throw new TemplateDriftError(file, `the closing ${TEMPLATE_ONLY_END}`)
  return out.join('\n')
}

export const RELEASE_CHECKLIST = 'docs/release-checklist.md'

/** What to do after the files exist; printed by the CLI and written into the new README. */
export function nextSteps(answers: Answers, files: { has(file: string): boolean }): string[] {
  const steps = [
    '`npm run dev:weapp` (local backend with demo data + weapp build in watch mode), then import this folder in WeChat DevTools (`project.config.json` points at `dist/`).',
    'In the admin console (mp.weixin.qq.com), 设置 → 服务内容声明 → 用户隐私保护指引: declare every item listed in `docs/privacy-declaration.md`, or WeChat disables those APIs (errno 112).',
  ]
  if (answers.appid === TOURIST_APPID) steps.push('Set your appid: `appid` in `project.config.json` and `TARO_APP_ID` in `.env.development` / `.env.production` (now the test account `touristappid`).')
  steps.push(
    answers.apiBase === null
      ? 'Set the production backend: `TARO_APP_API_BASE` in `.env.production` (HTTPS), and add its domain under 开发管理 → 开发设置 → 服务器域名.'
      : `Add \`${new URL(answers.apiBase).host}\` under 开发管理 → 开发设置 → 服务器域名 (request domain) in the admin console.`,
  )
  steps.push('Deploy the backend with `NODE_ENV=production`, `WECHAT_APPID`/`WECHAT_SECRET` and `PHONE_ENCRYPTION_KEY` (server/README.md); demo products and outlets are added only by `npm run db:seed` or `SEED_DEMO_DATA=1`.')
  const checklist = files.has(RELEASE_CHECKLIST) ? `\`${RELEASE_CHECKLIST}\`, ` : ''
  steps.push(`Before submitting for review: ${checklist}\`npm run check:release\`, then \`WECHAT_UPLOAD_KEY=path/to/private.key npm run upload\` (or \`npm run preview:wechat\` for a QR code).`)
  return steps
}

function readmeHeader(answers: Answers, files: TextFiles): string {
  return [
    `# ${answers.shopName}`,
    '',
    'A WeChat mini program storefront (Taro 4 + React 18 + TypeScript) that follows WeChat\'s privacy rules,',
    'with its reference backend, tests and compliance guardrails. Everything below describes this project.',
    '',
    '| | |',
    '|---|---|',
    `| package | \`${answers.packageName}\` |`,
    `| appid | \`${answers.appid}\` (\`project.config.json\`, \`TARO_APP_ID\` in \`.env.*\`) |`,
    `| production API base | ${answers.apiBase === null ? 'not set yet' : `\`${answers.apiBase}\``} (\`TARO_APP_API_BASE\` in \`.env.production\`) |`,
    '',
    '## Next steps',
    '',
    ...nextSteps(answers, files).map((step, i) => `${i + 1}. ${step}`),
    '',
  ].join('\n')
}

/** Every rewrite, in order. Returns a new map; the input is left untouched. */
export function rewriteProject(input: ReadonlyMap<string, string>, answers: Answers): TextFiles {
  const files: TextFiles = new Map(input)
  const { packageName, appid, apiBase, shopName } = answers
  const description = `${shopName}: a WeChat mini program storefront that follows WeChat's privacy rules`

  files.set('README.md', stripTemplateOnly(required(files, 'README.md'), 'README.md', readmeHeader(answers, files)))
  if (!files.get('README.md')?.startsWith(`# ${shopName}`)) throw new TemplateDriftError('README.md', `a ${TEMPLATE_ONLY_START} block at the top`)
  for (const [file, content] of files) {
    if (content.includes(TEMPLATE_ONLY_START)) files.set(file, stripTemplateOnly(content, file))
  }

  editJson(files, 'package.json', (json) => {
    json.name = packageName
    json.description = description
    const scripts = asRecord(json.scripts, 'package.json', 'scripts')
    for (const [name, command] of Object.entries(scripts)) {
      if (typeof command === 'string' && TEMPLATE_ONLY_SCRIPT.test(command)) delete scripts[name]
    }
  })
  editJson(files, 'package-lock.json', (json) => {
    json.name = packageName
    asRecord(asRecord(json.packages, 'package-lock.json', 'packages')[''], 'package-lock.json', 'packages[""]').name = packageName
  })
  editJson(files, 'project.config.json', (json) => {
    json.projectname = packageName
    json.description = description
    json.appid = appid
  })
  replaceIn(files, 'config/index.ts', /projectName: '[^']*'/, `projectName: '${packageName}'`, 'projectName')

  for (const env of ['.env.development', '.env.production']) {
    let content = required(files, env)
    if (appid !== TOURIST_APPID) content = setEnvValue(content, 'TARO_APP_ID', appid, env)
    if (env === '.env.production' && apiBase !== null) content = setEnvValue(content, 'TARO_APP_API_BASE', apiBase, env)
    files.set(env, content)
  }

  replaceIn(files, 'src/app.config.ts', /navigationBarTitleText: '[^']*'/, `navigationBarTitleText: '${shopName}'`, 'navigationBarTitleText')
  replaceIn(files, 'src/index.html', /<title>[^<]*<\/title>/, `<title>${shopName}</title>`, '<title>')

  // The demo outlets carry the brand; the server tests that name them change with them.
  if (!required(files, DEMO_OUTLETS).includes(DEMO_BRAND)) throw new TemplateDriftError(DEMO_OUTLETS, `the demo brand ${DEMO_BRAND}`)
  for (const [file, content] of files) {
    if (content.includes(DEMO_BRAND)) files.set(file, content.split(DEMO_BRAND).join(shopName))
  }

  // Whatever still names the template (comments, a development key's label) names the shop now.
  for (const [file, content] of files) {
    if (content.includes(TEMPLATE_NAME)) files.set(file, content.split(TEMPLATE_NAME).join(packageName))
  }
  return files
}
