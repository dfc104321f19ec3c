import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The server/ folder, found by walking up to the one holding migrations/: the sources run from
 * server/src, the build from server/dist/server/src (the build mirrors the repo, because the
 * server also compiles contract/ from the repo root).
 */
export function findServerRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'migrations'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no server/migrations folder above ${start}`)
  }
}

export const SERVER_ROOT = findServerRoot(__dirname)
