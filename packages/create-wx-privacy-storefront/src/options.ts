/**
 * Command-line flags and the validation of every answer. Everything is checked here, before a
 * single file is written, so a bad answer costs nothing.
 */
import { builtinModules } from 'node:module'
import path from 'node:path'

/** WeChat's test-account appid: privacy APIs are limited and it can never be uploaded. */
export const TOURIST_APPID = 'touristappid'
export const APPID_PATTERN = /^wx[0-9a-f]{16}$/
/** The shop name the template ships with (its navigation bar and H5 title). */
export const DEFAULT_SHOP_NAME = '小店'
const SHOP_NAME_MAX = 20

export interface Flags {
  target?: string
  name?: string
  appid?: string
  apiBase?: string
  shopName?: string
  install: boolean
  git: boolean
  yes: boolean
  help: boolean
}

export interface Answers {
  /** Absolute path of the folder to create. */
  targetDir: string
  /** npm package name (also the WeChat DevTools project name). */
  packageName: string
  appid: string
  /** Production API base (HTTPS), or null to keep the local development backend for now. */
  apiBase: string | null
  shopName: string
}

export class UsageError extends Error {}

const VALUE_FLAGS = { '--name': 'name', '--appid': 'appid', '--api-base': 'apiBase', '--shop-name': 'shopName' } as const
type ValueFlag = keyof typeof VALUE_FLAGS

function isValueFlag(flag: string): flag is ValueFlag {
  return Object.prototype.hasOwnProperty.call(VALUE_FLAGS, flag)
}

export function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { install: true, git: true, yes: false, help: false }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (isValueFlag(flag)) {
      const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`)
      flags[VALUE_FLAGS[flag]] = value
    } else if (arg === '--no-install') flags.install = false
    else if (arg === '--no-git') flags.git = false
    else if (arg === '--yes' || arg === '-y') flags.yes = true
    else if (arg === '--help' || arg === '-h') flags.help = true
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} (see --help)`)
    else if (flags.target === undefined) flags.target = arg
    else throw new UsageError(`one target folder only, got "${flags.target}" and "${arg}"`)
  }
  return flags
}

/**
 * npm's package-name rules (the ones `npm publish` and `npm install` enforce): at most 214
 * characters, lowercase, URL-safe, no leading dot or underscore, not a Node core module.
 * Returns the problem, or null when the name is valid.
 */
export function packageNameProblem(name: string): string | null {
  if (name.length === 0) return 'the package name is empty'
  if (name.length > 214) return 'a package name has at most 214 characters'
  if (name !== name.trim()) return 'a package name cannot start or end with spaces'
  if (name !== name.toLowerCase()) return 'a package name must be lowercase'
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name)
  const parts = scoped ? [scoped[1] ?? '', scoped[2] ?? ''] : [name]
  if (!scoped && name.includes('/')) return 'a package name cannot contain "/" (except in @scope/name)'
  for (const part of parts) {
    if (/^[._]/.test(part)) return 'a package name cannot start with "." or "_"'
    if (!/^[a-z0-9._~-]+$/.test(part)) return 'a package name may contain only a-z, 0-9, "-", ".", "_" and "~"'
  }
  if (!scoped && (builtinModules.includes(name) || ['node_modules', 'favicon.ico'].includes(name))) {
    return `"${name}" is reserved (a Node core module or npm name)`
  }
  return null
}

/** Null for a missing or tourist appid (the caller warns), the appid when valid; throws otherwise. */
export function parseAppid(raw: string | undefined): string | null {
  const value = raw?.trim() ?? ''
  if (value === '' || value === TOURIST_APPID) return null
  if (!APPID_PATTERN.test(value)) {
    throw new UsageError(`--appid "${value}" is not a mini program appid: it is "wx" followed by 16 lowercase hex digits (admin console → 开发管理 → 开发设置)`)
  }
  return value
}

/** The production API base without a trailing slash; null when not given. */
export function parseApiBase(raw: string | undefined): string | null {
  const value = raw?.trim() ?? ''
  if (value === '') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`--api-base "${value}" is not a URL (e.g. https://api.example.com)`)
  }
  if (url.protocol !== 'https:') {
    throw new UsageError(`--api-base must be an HTTPS URL: WeChat calls only HTTPS request domains listed in the admin console (got "${value}")`)
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError(`--api-base must be a plain origin or path, without query, fragment or credentials (got "${value}")`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/**
 * The shop name goes into TypeScript strings, an HTML title, server seed text and the tests that
 * match it (also inside regular expressions), so characters special to any of them are refused.
 */
export function parseShopName(raw: string | undefined): string {
  const value = raw?.trim() ?? ''
  if (value === '') return DEFAULT_SHOP_NAME
  if ([...value].length > SHOP_NAME_MAX) throw new UsageError(`--shop-name has at most ${SHOP_NAME_MAX} characters (got ${[...value].length})`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f'"`\\/<>&$*+?^|()[\]{}]/.test(value)) {
    throw new UsageError('--shop-name cannot contain quotes, \\ / < > & $ * + ? ^ | ( ) [ ] { } or control characters (full-width （） are fine)')
  }
  return value
}

/** The folder to create and its package name (the folder's name unless --name is given). */
export function parseTarget(target: string | undefined, name: string | undefined, cwd: string): { targetDir: string; packageName: string } {
  const value = target?.trim() ?? ''
  if (value === '') throw new UsageError('name the folder to create, e.g. npm create wx-privacy-storefront@latest my-shop')
  const targetDir = path.resolve(cwd, value)
  const packageName = name?.trim() || path.basename(targetDir)
  const problem = packageNameProblem(packageName)
  if (problem) {
    throw new UsageError(`"${packageName}" cannot be the package name: ${problem}. Choose another folder name or pass --name`)
  }
  return { targetDir, packageName }
}

export const USAGE = `Create a WeChat mini program storefront that follows WeChat's privacy rules.

Usage:
  npm create wx-privacy-storefront@latest <folder> -- [options]

Options:
  --appid <wx…>        mini program appid (wx + 16 hex digits); without it: touristappid (test account)
  --api-base <https…>  production backend URL (HTTPS, listed as a request domain in the admin console)
  --shop-name <名称>    shop name for the navigation bar, the H5 title and the demo outlets (default ${DEFAULT_SHOP_NAME})
  --name <package>     npm package name (default: the folder's name)
  --no-install         do not run npm install (nor the generators that need it)
  --no-git             do not run git init
  -y, --yes            ask nothing; use the defaults for what is missing
  -h, --help           this text
`
