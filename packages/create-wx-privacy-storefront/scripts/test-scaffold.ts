/**
 * `npm run test:scaffold`: the initializer as a user meets it. Packs it, runs the packed tarball
 * through `npm exec` (what `npm create` does) into a temporary folder, and checks the new shop:
 * no leftover template name, .gitignore present, the given names and appid in place, then its own
 * `npm test`, `npm run build:weapp`, `npm run check:weapp` and `npm run check:release`. Also: an
 * invalid appid and a non-empty folder are refused and write nothing. Prints each step's time.
 * The install uses the lockfile and the npm cache (npm ci --prefer-offline); no other network.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PACKAGE_DIR = path.resolve(__dirname, '..')
const TEMPLATE_NAME = 'wx-privacy-storefront'
const APPID = 'wx0123456789abcdef'
const SHOP = '测试小店'

const started = Date.now()
const timings: string[] = []

function log(text: string): void {
  process.stdout.write(`${text}\n`)
}

/** Runs a command; returns its output. `expectFailure` inverts the exit-code check. */
function run(label: string, command: string, args: string[], cwd: string, options: { expectFailure?: boolean; env?: Record<string, string> } = {}): string {
  const t0 = Date.now()
  log(`\n== ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 256 * 1024 * 1024 })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  timings.push(`${label}: ${seconds} s`)
  const failed = result.status !== 0
  if (result.error) throw new Error(`${label}: ${result.error.message}`)
  if (failed !== Boolean(options.expectFailure)) {
    throw new Error(`${label}: exit code ${result.status}, expected ${options.expectFailure ? 'a failure' : '0'}\n${output.slice(-6000)}`)
  }
  log(output.trim().split('\n').slice(-8).join('\n'))
  return output
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message)
}

/** Every text file of the project that still names the template (node_modules and .git aside). */
function filesNaming(dir: string, needle: string): string[] {
  const hits: string[] = []
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (['node_modules', '.git'].includes(entry.name)) continue
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && fs.readFileSync(full).includes(needle)) hits.push(path.relative(dir, full))
    }
  }
  walk(dir)
  return hits
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'test-scaffold-'))
  run('npm pack', 'npm', ['pack', '--pack-destination', work], PACKAGE_DIR)
  const tarballs = fs.readdirSync(work).filter((name) => name.endsWith('.tgz'))
  assert(tarballs.length === 1, `npm pack wrote ${tarballs.length} tarballs in ${work}`)
  const tarball = path.join(work, tarballs[0] ?? '')
  const create = (label: string, args: string[], expectFailure = false) =>
    run(label, 'npm', ['exec', '--yes', '--package', tarball, '--', 'create-wx-privacy-storefront', ...args], work, {
      expectFailure,
      // The first commit needs an identity; CI machines often have none.
      env: { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' },
    })

  const before = fs.readdirSync(work).sort()
  const badAppid = create('invalid appid', ['bad-appid', '--appid', 'wx123', '--yes'], true)
  assert(badAppid.includes('not a mini program appid') && badAppid.includes('Nothing was written'), 'the invalid appid error is not clear')
  assert(JSON.stringify(fs.readdirSync(work).sort()) === JSON.stringify(before), 'an invalid appid wrote something')

  const taken = path.join(work, 'taken')
  fs.mkdirSync(taken)
  fs.writeFileSync(path.join(taken, 'notes.md'), 'mine')
  const nonEmpty = create('non-empty folder', ['taken', '--appid', APPID, '--yes'], true)
  assert(nonEmpty.includes('is not empty') && nonEmpty.includes('Nothing was written'), 'the non-empty folder error is not clear')
  assert(fs.readdirSync(taken).join() === 'notes.md' && fs.readdirSync(work).length === before.length + 1, 'a non-empty folder was written to')

  create('create (npm exec of the packed initializer, npm ci --prefer-offline inside)', [
    'my-shop', '--appid', APPID, '--api-base', 'https://api.example.com', '--shop-name', SHOP, '--yes',
  ])
  const shop = path.join(work, 'my-shop')
  const leftovers = filesNaming(shop, TEMPLATE_NAME)
  assert(leftovers.length === 0, `files still name ${TEMPLATE_NAME}: ${leftovers.join(', ')}`)
  assert(fs.existsSync(path.join(shop, '.gitignore')) && !fs.existsSync(path.join(shop, '_gitignore')), '.gitignore is missing')
  assert(!fs.existsSync(path.join(shop, 'packages')), 'the initializer was copied into the shop')
  assert(readJson(path.join(shop, 'package.json')).name === 'my-shop', 'package.json name')
  assert(readJson(path.join(shop, 'project.config.json')).appid === APPID, 'project.config.json appid')
  assert(readJson(path.join(shop, 'project.config.json')).projectname === 'my-shop', 'project.config.json projectname')
  assert(fs.readFileSync(path.join(shop, '.env.production'), 'utf8').includes('TARO_APP_API_BASE="https://api.example.com"'), '.env.production API base')
  const commits = run('git log', 'git', ['rev-list', '--count', 'HEAD'], shop)
  assert(commits.trim() === '1', 'the first commit is missing')

  run('npm test in the new shop', 'npm', ['test'], shop)
  run('npm run build:weapp', 'npm', ['run', 'build:weapp'], shop)
  const app = readJson(path.join(shop, 'dist', 'app.json')) as { window?: { navigationBarTitleText?: string } }
  assert(app.window?.navigationBarTitleText === SHOP, `dist/app.json title is ${app.window?.navigationBarTitleText}`)
  assert(readJson(path.join(shop, 'dist', 'project.config.json')).appid === APPID, 'dist/project.config.json appid')
  run('npm run check:weapp', 'npm', ['run', 'check:weapp'], shop)
  run('npm run check:release -- --strict', 'npm', ['run', 'check:release', '--', '--strict'], shop)

  const clean = run('git status', 'git', ['status', '--porcelain'], shop)
  assert(clean.trim() === '', `the checks left changes in the new shop:\n${clean}`)
  fs.rmSync(work, { recursive: true, force: true })
  log(`\ntest:scaffold passed in ${((Date.now() - started) / 1000).toFixed(0)} s\n  ${timings.join('\n  ')}`)
}

try {
  main()
} catch (error) {
  process.stderr.write(`\ntest:scaffold failed: ${error instanceof Error ? error.message : String(error)}\n  ${timings.join('\n  ')}\n`)
  process.exit(1)
}
