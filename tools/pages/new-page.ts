/**
 * `npm run new:page -- <name> [--account] [--subpackage <root>] [--title 标题]`
 *
 * Writes a page that renders inside PageShell (so the consent and login sheets are on it), its
 * page config and a test, and registers it in src/app.config.ts. `--account` makes a page that
 * needs login: it renders inside AccountPage, and its reason becomes a row of the one table of login
 * reasons (src/services/session/login-reasons.ts).
 * Pages go into the main package unless a subpackage is named: only tab pages and what launch
 * needs belong in the main package, which WeChat downloads before the first screen.
 *
 * The planning is pure (planNewPage) and unit-tested; main() only reads and writes files.
 */
import fs from 'node:fs'
import path from 'node:path'

export interface NewPageOptions {
  /** Folder name, kebab-case: `gift-cards` → src/<package>/gift-cards/index.tsx */
  name: string
  /** The page needs an account (login asked from the tap that opened it). */
  account: boolean
  /** A subpackage root such as packageShop; a new root becomes a new subpackage. */
  subpackage?: string
  /** Navigation bar title; the name when not given. */
  title: string
}

export interface PlannedFile {
  /** Relative to the repository root. */
  path: string
  content: string
}

export interface NewPagePlan {
  /** The route as Taro opens it, e.g. /packageShop/gift-cards/index */
  route: string
  files: PlannedFile[]
  /** src/app.config.ts with the page registered. */
  appConfig: string
  /** --account: the table of login reasons with the page's row added. */
  loginReasons?: string
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const PACKAGE_ROOT = /^[a-zA-Z][a-zA-Z0-9]*$/

export class NewPageError extends Error {}

/** Parses the command line; throws NewPageError with a usage hint on anything unexpected. */
export function parseArgs(argv: string[]): NewPageOptions {
  let name: string | undefined
  let account = false
  let subpackage: string | undefined
  let title: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--account') account = true
    else if (arg === '--subpackage' || arg === '--title') {
      const value = argv[++i]
      if (!value || value.startsWith('--')) throw new NewPageError(`${arg} needs a value`)
      if (arg === '--subpackage') subpackage = value
      else title = value
    } else if (arg?.startsWith('--')) throw new NewPageError(`unknown option ${arg}`)
    else if (name === undefined) name = arg
    else throw new NewPageError(`unexpected argument ${arg}`)
  }
  if (!name) throw new NewPageError('give the page a name, e.g. npm run new:page -- gift-cards --subpackage packageShop')
  return { name, account, subpackage, title: title ?? name }
}

function componentName(name: string): string {
  return `${name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Page`
}

function pageSource(options: NewPageOptions): string {
  const component = componentName(options.name)
  const block = options.name
  if (!options.account) {
    return `import { Text, View } from '@tarojs/components'
import PageShell from '@/components/page-shell'

/** ${options.title}: TODO say what this page is for. It renders inside PageShell like every page. */
export default function ${component}() {
  return (
    <PageShell>
      <View className='${block}'>
        <Text className='${block}__title'>${options.title}</Text>
      </View>
    </PageShell>
  )
}
`
  }
  return `import { Text, View } from '@tarojs/components'
import AccountPage from '@/components/account-page'

/** ${options.title}: TODO say what this page is for. It needs an account (reason: LOGIN_REASONS.${loginPurpose(options.name)}). */
export default function ${component}() {
  return (
    <AccountPage purpose='${loginPurpose(options.name)}'>
      <View className='${block}'>
        <Text className='${block}__title'>${options.title}</Text>
      </View>
    </AccountPage>
  )
}
`
}

function testSource(options: NewPageOptions, importPath: string, route: string): string {
  const component = componentName(options.name)
  const head = `import { screen } from '@testing-library/react'
import ${component} from '${importPath}'
import { renderPage } from '../utils/render-page'
`
  if (!options.account) {
    return `${head}
describe('${options.title}', () => {
  it('renders inside PageShell with its title', async () => {
    const { container } = await renderPage(${component}, { path: '${route}' })
    expect(container.querySelector('.page-shell')).not.toBeNull()
    expect(screen.getByText('${options.title}')).toBeTruthy()
  })
})
`
  }
  return `${head}import { taroFake } from '../utils/taro-api'

describe('${options.title}', () => {
  it('WX-LOGIN-2: a visitor is asked to log in with the reason and can decline', async () => {
    const { container } = await renderPage(${component}, { path: '${route}' })
    expect(container.querySelector('.page-shell')).not.toBeNull()
    expect(screen.queryByText('${options.title}')).toBeNull()
    expect(screen.getAllByText('登录后可使用${options.title}').length).toBeGreaterThan(0)
    expect(taroFake.apiNames()).not.toContain('login')
  })
})
`
}

/** `gift-cards` → `giftCards`: the page's key in the table of login reasons. */
export function loginPurpose(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())
}

export const LOGIN_REASONS_PATH = 'src/services/session/login-reasons.ts'
const REASONS_END = '\n} as const satisfies'

/** Adds the page's row to the one table of login reasons (src/services/session/login-reasons.ts). */
export function addLoginReason(reasons: string, options: NewPageOptions): string {
  const end = reasons.indexOf(REASONS_END)
  if (end < 0) throw new NewPageError(`${LOGIN_REASONS_PATH}: the LOGIN_REASONS table was not found`)
  const key = loginPurpose(options.name)
  if (new RegExp(`\\n  ${key}: `).test(reasons.slice(0, end))) throw new NewPageError(`${LOGIN_REASONS_PATH} already has a reason for ${key}`)
  return `${reasons.slice(0, end)}\n  ${key}: '登录后可使用${options.title}',${reasons.slice(end)}`
}

/** Inserts the page into app.config.ts: the main package's `pages`, or a subpackage (new or existing). */
export function registerPage(appConfig: string, options: NewPageOptions): string {
  const entry = `${options.name}/index`
  if (!options.subpackage) {
    const start = appConfig.indexOf('\n  pages: [\n')
    if (start < 0) throw new NewPageError('src/app.config.ts: no `pages: [` list found')
    const end = appConfig.indexOf('\n  ],', start + 1)
    if (end < 0) throw new NewPageError('src/app.config.ts: the pages list is not closed')
    if (appConfig.slice(start, end).includes(`'pages/${entry}'`)) throw new NewPageError(`pages/${entry} is already registered`)
    return `${appConfig.slice(0, end)}\n    'pages/${entry}',${appConfig.slice(end)}`
  }
  const existing = new RegExp(`(\\{ root: '${options.subpackage}', pages: \\[)([^\\]]*)(\\])`)
  const match = existing.exec(appConfig)
  if (match) {
    const pages = match[2] ?? ''
    if (pages.includes(`'${entry}'`)) throw new NewPageError(`${options.subpackage}/${entry} is already registered`)
    return appConfig.replace(existing, `$1${pages}, '${entry}'$3`)
  }
  const start = appConfig.indexOf('\n  subPackages: [\n')
  if (start < 0) throw new NewPageError('src/app.config.ts: no `subPackages: [` list found')
  const end = appConfig.indexOf('\n  ],', start + 1)
  if (end < 0) throw new NewPageError('src/app.config.ts: the subPackages list is not closed')
  return `${appConfig.slice(0, end)}\n    { root: '${options.subpackage}', pages: ['${entry}'] },${appConfig.slice(end)}`
}

/** Everything the generator would write, without touching the disk. */
export function planNewPage(options: NewPageOptions, appConfig: string, loginReasons = ''): NewPagePlan {
  if (!NAME.test(options.name)) throw new NewPageError(`page name "${options.name}" must be kebab-case: lower-case letters, digits and dashes`)
  if (options.subpackage !== undefined && !PACKAGE_ROOT.test(options.subpackage)) {
    throw new NewPageError(`subpackage "${options.subpackage}" must be a folder name such as packageShop`)
  }
  if (options.title.trim() === '' || /['\\`$\n]/.test(options.title)) throw new NewPageError('the title may not be empty or contain quotes, backslashes, $ or line breaks')
  const folder = options.subpackage ? `${options.subpackage}/${options.name}` : `pages/${options.name}`
  const route = `/${folder}/index`
  const files: PlannedFile[] = [
    { path: `src/${folder}/index.tsx`, content: pageSource(options) },
    { path: `src/${folder}/index.config.ts`, content: `export default definePageConfig({ navigationBarTitleText: '${options.title}' })\n` },
    { path: `test/pages/${options.name}.test.tsx`, content: testSource(options, `@/${folder}/index`, route) },
  ]
  const plan: NewPagePlan = { route, files, appConfig: registerPage(appConfig, options) }
  return options.account ? { ...plan, loginReasons: addLoginReason(loginReasons, options) } : plan
}

/** Writes the plan under `root`; refuses (writing nothing) when any file already exists. */
export function writeNewPage(root: string, options: NewPageOptions): NewPagePlan {
  const configPath = path.join(root, 'src/app.config.ts')
  const reasonsPath = path.join(root, LOGIN_REASONS_PATH)
  const plan = planNewPage(options, fs.readFileSync(configPath, 'utf8'), options.account ? fs.readFileSync(reasonsPath, 'utf8') : '')
  const taken = plan.files.filter((file) => fs.existsSync(path.join(root, file.path)))
  if (taken.length > 0) throw new NewPageError(`not overwriting: ${taken.map((file) => file.path).join(', ')}`)
  for (const file of plan.files) {
    fs.mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true })
    fs.writeFileSync(path.join(root, file.path), file.content)
  }
  fs.writeFileSync(configPath, plan.appConfig)
  if (plan.loginReasons !== undefined) fs.writeFileSync(reasonsPath, plan.loginReasons)
  return plan
}

function main(): void {
  try {
    const plan = writeNewPage(process.cwd(), parseArgs(process.argv.slice(2)))
    const lines = [`Created ${plan.route}:`, ...plan.files.map((file) => `  ${file.path}`), '  src/app.config.ts (registered)']
    if (plan.loginReasons !== undefined) lines.push(`  ${LOGIN_REASONS_PATH} (its login reason: edit the wording there)`)
    lines.push('Next: add the route to `routes` in src/services/navigation.ts, open it with openPage(), then npm test.')
    process.stdout.write(`${lines.join('\n')}\n`)
  } catch (error) {
    if (!(error instanceof NewPageError)) throw error
    process.stderr.write(`new:page: ${error.message}\n`)
    process.exitCode = 2
  }
}

if (require.main === module) main()
