import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyPluginAsync } from 'fastify'

export interface StaticRouteOptions {
  /** The built H5 folder (e.g. dist-h5). */
  root: string
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep)
}

/**
 * Maps a URL path to a file under root, or null. Rejects undecodable paths, NUL bytes and
 * dot-segments/dotfiles outright, then re-checks the real path so a symlink cannot point outside.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment.startsWith('.'))) return null

  let file = path.join(root, ...segments)
  try {
    file = await realpath(file)
    if (!isInside(root, file)) return null
    let info = await stat(file)
    if (info.isDirectory()) {
      file = await realpath(path.join(file, 'index.html'))
      if (!isInside(root, file)) return null
      info = await stat(file)
    }
    return info.isFile() ? file : null
  } catch {
    return null // missing file or unreadable path
  }
}

/** Serves a built H5 app at / so `npm run preview` needs one origin for pages and /api. */
export const staticRoutes: FastifyPluginAsync<StaticRouteOptions> = async (app, options) => {
  const root = await realpath(options.root)

  app.get('/*', async (request, reply) => {
    const urlPath = (request.raw.url ?? '/').split('?')[0] ?? '/'
    // /api/... that matched no API route is an API 404, never a file.
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return reply.callNotFound()
    const file = await resolveStaticFile(root, urlPath)
    if (file === null) return reply.callNotFound()
    // index.html must be revalidated so a new build is picked up; other assets are fingerprinted.
    const cacheControl = path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600'
    return reply.type(contentTypeFor(file)).header('cache-control', cacheControl).send(createReadStream(file))
  })
}
