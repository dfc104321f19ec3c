/**
 * Checks the privacy parts of an app config against the code: `__usePrivacyCheck__`, and that
 * `requiredPrivateInfos` declares exactly the location APIs the code calls, never fuzzy and precise
 * together, each with a `permission` desc of at most 30 characters (WX-LOC-1, WX-LOC-2, WX-PRIV-8).
 */
import fs from 'node:fs'
import path from 'node:path'

export interface PrivacyAppConfig {
  __usePrivacyCheck__?: boolean
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc?: string } | undefined>
}

/** APIs WeChat requires in requiredPrivateInfos, with the scope whose desc the user sees. */
export const DECLARABLE_APIS: Readonly<Record<string, string | null>> = {
  getFuzzyLocation: 'scope.userFuzzyLocation',
  getLocation: 'scope.userLocation',
  onLocationChange: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
  chooseLocation: null,
  choosePoi: null,
  chooseAddress: null,
}

const PRECISE_APIS = ['getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground']
export const MAX_DESC_LENGTH = 30

/** Declarable APIs called in the given sources (Taro.x / wx.x / named imports from @tarojs/taro). */
export function declarableApisUsed(sources: string[]): Set<string> {
  const names = Object.keys(DECLARABLE_APIS).join('|')
  const member = new RegExp(`\\b(?:Taro|wx)\\s*(?:\\.\\s*|\\[\\s*['"\`])(${names})\\b`, 'g')
  const named = new RegExp(`import\\s*(?:\\w+\\s*,\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]@tarojs/taro['"]`, 'g')
  const used = new Set<string>()
  for (const source of sources) {
    for (const match of source.matchAll(member)) used.add(match[1] ?? '')
    for (const match of source.matchAll(named)) {
      for (const specifier of (match[1] ?? '').split(',')) {
        const imported = specifier.trim().split(/\s+as\s+/)[0] ?? ''
        if (imported in DECLARABLE_APIS) used.add(imported)
      }
    }
  }
  return used
}

export function readSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return readSources(full)
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) ? [fs.readFileSync(full, 'utf8')] : []
  })
}

/** Problems with the config given the APIs the code uses (empty when fine). */
export function checkPrivacyConfig(config: PrivacyAppConfig, usedApis: Set<string>): string[] {
  const problems: string[] = []
  if (config.__usePrivacyCheck__ !== true) problems.push('__usePrivacyCheck__ must be true (WX-PRIV-8)')
  const declared = new Set(config.requiredPrivateInfos ?? [])
  for (const api of usedApis) {
    if (!declared.has(api)) problems.push(`the code calls ${api} but requiredPrivateInfos does not declare it (WX-LOC-1)`)
  }
  for (const api of declared) {
    if (!usedApis.has(api)) problems.push(`requiredPrivateInfos declares ${api}, which no code calls (WX-LOC-1)`)
  }
  const precise = PRECISE_APIS.filter((api) => declared.has(api) || usedApis.has(api))
  if (precise.length > 0) {
    problems.push(`precise location (${precise.join(', ')}) is not used by this template: use getFuzzyLocation (WX-LOC-1)`)
    if (declared.has('getFuzzyLocation')) problems.push(`getFuzzyLocation and ${precise.join(', ')} are mutually exclusive in requiredPrivateInfos (WX-LOC-1)`)
  }
  for (const api of declared) {
    const scope = DECLARABLE_APIS[api]
    if (!scope) continue
    const desc = config.permission?.[scope]?.desc
    if (!desc) problems.push(`permission["${scope}"].desc is missing: say why ${api} is needed (WX-LOC-2)`)
    else if ([...desc].length > MAX_DESC_LENGTH) {
      problems.push(`permission["${scope}"].desc is ${[...desc].length} characters; WeChat allows at most ${MAX_DESC_LENGTH} (WX-LOC-2)`)
    }
  }
  return problems
}
