/**
 * What a release is made of, read from the project's own files: the appid (project.config.json and
 * TARO_APP_ID in .env.production), the production API base, the version (package.json), the
 * DevTools compile settings and the built dist/. One reader for `check:release`, `upload` and
 * `preview:wechat`.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const TOURIST_APPID = 'touristappid'
export const APPID_PATTERN = /^wx[0-9a-f]{16}$/

/** project.config.json `setting` keys that decide what WeChat compiles and uploads. */
export interface CompileSetting {
  es6?: boolean
  enhance?: boolean
  postcss?: boolean
  minified?: boolean
  minifyWXML?: boolean
  minifyWXSS?: boolean
  urlCheck?: boolean
}

export interface ReleaseFacts {
  root: string
  appid: string
  /** TARO_APP_ID in .env.production (Taro writes it into dist/project.config.json), if set. */
  envAppid: string | null
  apiBase: string | null
  version: string
  setting: CompileSetting
  /** dist/project.config.json's appid, or null when dist/ has not been built. */
  builtAppid: string | null
  distDir: string
  /** Files git tracks that look like private keys (must be none). */
  trackedKeys: string[]
}

/** KEY="value" or KEY=value from a dotenv-style file; null when absent or commented out. */
export function envValue(content: string, key: string): string | null {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*(.*)$`, 'm').exec(content)
  if (!match) return null
  const raw = (match[1] ?? '').trim()
  const unquoted = /^(["'])(.*)\1$/.exec(raw)
  const value = unquoted ? (unquoted[2] ?? '') : raw
  return value === '' ? null : value
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
}

function trackedKeyFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--', '*.key', '*.pem'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out.split('\0').filter(Boolean)
  } catch {
    return [] // not a git checkout: nothing is tracked
  }
}

export function readReleaseFacts(root: string): ReleaseFacts {
  const project = readJson(path.join(root, 'project.config.json'))
  const envFile = path.join(root, '.env.production')
  const env = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : ''
  const distDir = path.join(root, 'dist')
  const builtConfig = path.join(distDir, 'project.config.json')
  return {
    root,
    appid: String(project.appid ?? ''),
    envAppid: envValue(env, 'TARO_APP_ID'),
    apiBase: envValue(env, 'TARO_APP_API_BASE'),
    version: String(readJson(path.join(root, 'package.json')).version ?? ''),
    setting: (project.setting ?? {}) as CompileSetting,
    builtAppid: fs.existsSync(builtConfig) ? String(readJson(builtConfig).appid ?? '') : null,
    distDir,
    trackedKeys: trackedKeyFiles(root),
  }
}

/** The appid a release uses: .env.production's TARO_APP_ID wins, as it does in Taro's build. */
export function releaseAppid(facts: ReleaseFacts): string {
  return facts.envAppid ?? facts.appid
}
