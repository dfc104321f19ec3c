import fs from 'node:fs'
import path from 'node:path'
import { allPages, readAppJson as readJson, type AppJson } from '../../../tools/weapp/dist-check'

export interface AppManifest {
  distDir: string
  json: AppJson
  /** Every page route (main package first, then subpackages), without a leading slash. */
  routes: string[]
  tabRoutes: string[]
  /** The first page of `pages`: what WeChat opens on launch without a path. */
  entryRoute: string
}

export function readManifest(distDir: string): AppManifest {
  const file = path.join(distDir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build:weapp first`)
  const json = readJson(distDir)
  const entryRoute = json.pages[0]
  if (!entryRoute) throw new Error(`${file} lists no pages`)
  return {
    distDir,
    json,
    routes: allPages(json),
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
