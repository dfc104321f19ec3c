import fs from 'node:fs'
import path from 'node:path'

/** The parts of a compiled app.json the runtime obeys (WeChat's 全局配置). */
export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string; text: string }[] }
  requiredPrivateInfos?: string[]
  __usePrivacyCheck__?: boolean
}

export interface AppManifest {
  distDir: string
  json: AppJson
  /** Every page route (main package first, then subpackages), without a leading slash. */
  routes: string[]
  tabRoutes: string[]
  /** The first page of `pages`: what WeChat opens on launch without a path. */
  entryRoute: string
}

export function readAppJson(distDir: string): AppManifest {
  const file = path.join(distDir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build:weapp first`)
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson
  const subRoutes = (json.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))
  const entryRoute = json.pages[0]
  if (!entryRoute) throw new Error(`${file} lists no pages`)
  return {
    distDir,
    json,
    routes: [...json.pages, ...subRoutes],
    tabRoutes: (json.tabBar?.list ?? []).map((tab) => tab.pagePath),
    entryRoute,
  }
}

/** "/pages/x/index?a=1" or "../x/index" (relative to `from`) → route and query, as wx.navigateTo reads a url. */
export function parsePageUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
  const [rawPath = '', rawQuery = ''] = url.split('?')
  let route: string
  if (rawPath.startsWith('/')) route = rawPath.slice(1)
  else route = path.posix.normalize(path.posix.join(path.posix.dirname(from ?? ''), rawPath))
  const query: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(rawQuery)) query[key] = value
  return { route: route.replace(/\.html$/, ''), query }
}
