/**
 * `npm run upload` / `npm run preview:wechat`: sends dist/ to WeChat with the official
 * miniprogram-ci, loaded on demand at a pinned version through npx (it pulls about 1,100 packages
 * with exact pins, so it is never a dependency of the project). Refuses before sending anything
 * when the strict release check fails (the tourist appid, no HTTPS API base, no build, …) or the
 * upload key is missing, unreadable or could be committed.
 *
 * WECHAT_UPLOAD_KEY   path of the code-upload private key (admin console → 开发管理 → 开发设置 →
 *                     小程序代码上传); keep it outside the repository or name it private.*.key
 * WECHAT_CI_ROBOT     robot number 1–30 (default 1)
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { checkRelease } from './release-check'
import { readReleaseFacts, releaseAppid, type ReleaseFacts } from './release-facts'

export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42'
export const RUNNER = path.join(__dirname, 'ci-runner.js')
export type Action = 'upload' | 'preview'

/** What ci-runner.js receives: miniprogram-ci's Project and upload/preview arguments. */
export interface CiJob {
  action: Action
  ciVersion: string
  appid: string
  projectPath: string
  privateKeyPath: string
  version: string
  desc: string
  robot: number
  setting: { es6: boolean; es7: boolean; minify: boolean; minifyJS: boolean; minifyWXML: boolean; minifyWXSS: boolean; autoPrefixWXSS: boolean }
  qrcodeOutputDest: string | null
}

export interface KeyFile {
  path: string | undefined
  /** null when the file cannot be read. */
  content: string | null
  /** True when the key sits in the project where git would pick it up. */
  committable: boolean
}

export class ShipError extends Error {}

const DESC_MAX = 100

export function planJob(action: Action, facts: ReleaseFacts, key: KeyFile, options: { robot?: string; lastCommit: string | null }): CiJob {
  const problems = checkRelease(facts, { strict: true }).errors
  if (key.path === undefined || key.path.trim() === '') {
    problems.push('WECHAT_UPLOAD_KEY is not set: the path of the code-upload key (admin console → 开发管理 → 开发设置 → 小程序代码上传 → 生成)')
  } else if (key.content === null) problems.push(`WECHAT_UPLOAD_KEY: ${key.path} cannot be read`)
  else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.content)) problems.push(`WECHAT_UPLOAD_KEY: ${key.path} is not a PEM private key`)
  else if (key.committable) problems.push(`WECHAT_UPLOAD_KEY: ${key.path} is inside the project and not git-ignored; move it out or name it private.<appid>.key`)
  const robot = Number(options.robot?.trim() || '1')
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) problems.push(`WECHAT_CI_ROBOT must be a whole number from 1 to 30, got "${options.robot}"`)
  if (problems.length > 0) throw new ShipError(`${action} refused:\n${problems.map((problem) => `  ✖ ${problem}`).join('\n')}`)

  const desc = (options.lastCommit?.trim() || `v${facts.version}`).slice(0, DESC_MAX)
  const { es6 = false, enhance = false, postcss = false, minified = false, minifyWXML = false, minifyWXSS = false } = facts.setting
  return {
    action,
    ciVersion: MINIPROGRAM_CI.split('@')[1] ?? '',
    appid: releaseAppid(facts),
    projectPath: facts.distDir,
    privateKeyPath: path.resolve(key.path ?? ''),
    version: facts.version,
    desc,
    robot,
    // The same switches DevTools reads from project.config.json, so both upload the same code.
    setting: { es6, es7: enhance, minify: minified, minifyJS: minified, minifyWXML, minifyWXSS, autoPrefixWXSS: postcss },
    qrcodeOutputDest: action === 'preview' ? path.join(facts.root, '.tmp', 'wechat-preview.jpg') : null,
  }
}

/** npx installs the pinned miniprogram-ci into its cache and puts it on PATH for the runner. */
export function ciCommand(job: CiJob): { command: string; args: string[] } {
  return { command: 'npx', args: ['--yes', '--package', `miniprogram-ci@${job.ciVersion}`, '--', 'node', RUNNER, JSON.stringify(job)] }
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

function readKey(root: string, keyPath: string | undefined): KeyFile {
  if (keyPath === undefined || keyPath.trim() === '') return { path: keyPath, content: null, committable: false }
  const full = path.resolve(keyPath)
  let content: string | null = null
  try {
    content = fs.readFileSync(full, 'utf8')
  } catch {
    content = null
  }
  const inside = !path.relative(root, full).startsWith('..')
  // git check-ignore exits 0 for an ignored path; outside a git checkout nothing is committable.
  const committable = inside && git(root, ['rev-parse', '--git-dir']) !== null && git(root, ['check-ignore', '-q', full]) === null
  return { path: keyPath, content, committable }
}

function main(): void {
  const action = process.argv[2]
  if (action !== 'upload' && action !== 'preview') throw new ShipError('usage: tsx tools/wechat-ci/ship.ts upload|preview')
  const root = path.resolve(__dirname, '..', '..')
  const facts = readReleaseFacts(root)
  const job = planJob(action, facts, readKey(root, process.env.WECHAT_UPLOAD_KEY), {
    robot: process.env.WECHAT_CI_ROBOT,
    lastCommit: git(root, ['log', '-1', '--format=%h %s']),
  })
  if (job.qrcodeOutputDest) fs.mkdirSync(path.dirname(job.qrcodeOutputDest), { recursive: true })
  process.stdout.write(`${action}: appid ${job.appid}, version ${job.version}, "${job.desc}", robot ${job.robot}, ${MINIPROGRAM_CI} (loaded by npx)\n`)
  const { command, args } = ciCommand(job)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.error) throw new ShipError(`npx could not run: ${result.error.message}`)
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (require.main === module) {
  try {
    main()
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
