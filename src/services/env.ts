/**
 * The one module that reads the build platform. Taro's compiler replaces the exact text
 * `process.env.TARO_ENV` at build time, so it must stay written out in full here.
 */
export type Platform = 'weapp' | 'h5'

export function currentPlatform(): Platform {
  return process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'
}

/**
 * Base URL of the reference backend. H5 calls its own origin (the dev server proxies /api and
 * `npm run preview` serves both from one port); weapp needs an absolute URL.
 */
export function apiBaseUrl(): string {
  if (process.env.TARO_ENV === 'h5') return ''
  return process.env.TARO_APP_API_BASE || 'http://localhost:3030'
}
