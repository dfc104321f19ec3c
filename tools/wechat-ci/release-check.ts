/**
 * The offline release check (`npm run check:release`): everything about an upload that can be
 * known without WeChat's servers. Errors fail CI; warnings name what a real release still needs
 * (your appid, an HTTPS backend, a build) and become errors with --strict, which `npm run upload`
 * and `npm run preview:wechat` use before anything is sent.
 */
import fs from 'node:fs'
import path from 'node:path'
import { checkSizes, kb, measurePackages, readAppJson } from '../weapp/dist-check'
import { APPID_PATTERN, releaseAppid, TOURIST_APPID, type ReleaseFacts } from './release-facts'

export interface ReleaseProblems {
  errors: string[]
  warnings: string[]
}

/** WeChat's code-quality check flags images and audio above 200 KB in the package. */
export const MAX_MEDIA_BYTES = 200 * 1024
const MEDIA = /\.(png|jpe?g|gif|webp|svg|bmp|mp3|m4a|aac|wav)$/i

/**
 * project.config.json settings a release needs, with the reason. `minified` (压缩代码) is what
 * WeChat's code-quality check asks for; WXML/WXSS minification covers the templates and styles
 * Taro emits. `urlCheck` stays false: it only relaxes DevTools on a laptop; WeChat's clients
 * always enforce the admin console's request domains.
 */
export const REQUIRED_SETTINGS = {
  minified: 'compress JS on upload (WeChat code quality: 代码压缩)',
  minifyWXML: 'compress WXML on upload',
  minifyWXSS: 'compress WXSS on upload',
} as const

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/

function mediaTooLarge(distDir: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (MEDIA.test(entry.name) && fs.statSync(full).size > MAX_MEDIA_BYTES) found.push(`${path.relative(distDir, full)} (${kb(fs.statSync(full).size)})`)
    }
  }
  walk(distDir)
  return found
}

export function checkRelease(facts: ReleaseFacts, options: { strict: boolean }): ReleaseProblems {
  const errors: string[] = []
  const notReady: string[] = []
  const appid = releaseAppid(facts)

  for (const [label, value] of [['project.config.json appid', facts.appid], ['.env.production TARO_APP_ID', facts.envAppid]] as const) {
    if (value !== null && value !== TOURIST_APPID && !APPID_PATTERN.test(value)) {
      errors.push(`${label} "${value}" is not a mini program appid (wx + 16 lowercase hex digits)`)
    }
  }
  if (facts.envAppid !== null && facts.envAppid !== facts.appid) {
    errors.push(`the appid differs: project.config.json has "${facts.appid}", .env.production TARO_APP_ID "${facts.envAppid}"; set one value in both`)
  }
  if (appid === TOURIST_APPID) notReady.push(`the appid is ${TOURIST_APPID} (a test account): set yours in project.config.json and TARO_APP_ID`)

  if (facts.apiBase === null) notReady.push('.env.production has no TARO_APP_API_BASE')
  else if (!facts.apiBase.startsWith('https://')) notReady.push(`.env.production TARO_APP_API_BASE "${facts.apiBase}" is not HTTPS: WeChat calls only HTTPS request domains`)

  if (!SEMVER.test(facts.version)) errors.push(`package.json version "${facts.version}" is not x.y.z: it becomes the uploaded version`)
  for (const [key, why] of Object.entries(REQUIRED_SETTINGS)) {
    if (facts.setting[key as keyof typeof REQUIRED_SETTINGS] !== true) errors.push(`project.config.json setting.${key} must be true: ${why}`)
  }
  if (facts.trackedKeys.length > 0) errors.push(`private keys are tracked by git: ${facts.trackedKeys.join(', ')} (remove them and rotate the key in the admin console)`)

  if (facts.builtAppid === null) notReady.push('dist/ is not built: run npm run build:weapp')
  else {
    if (facts.builtAppid !== appid) errors.push(`dist/project.config.json has appid "${facts.builtAppid}", the project "${appid}": rebuild with npm run build:weapp`)
    const sizes = measurePackages(facts.distDir, readAppJson(facts.distDir))
    errors.push(...checkSizes(sizes))
    errors.push(...mediaTooLarge(facts.distDir).map((file) => `${file} exceeds ${kb(MAX_MEDIA_BYTES)} (WeChat code quality: images and audio)`))
  }
  return options.strict ? { errors: [...errors, ...notReady], warnings: [] } : { errors, warnings: notReady }
}
