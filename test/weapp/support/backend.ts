/**
 * The real reference backend, in this process: a fresh in-memory PGlite (migrated and seeded as
 * server/src/main.ts does), the WeChat sandbox, listening on a free loopback port. The runtime's
 * wx.request reaches it over real HTTP.
 */
import fs from 'node:fs'
import path from 'node:path'
import '../../../server/test/support/outside-jest' // before PGlite/fastify load
import type { Database } from '../../../server/src/db/database'
import { SandboxWeChat } from '../../../server/src/wechat/sandbox'
import { openCatalogApp } from '../../../server/test/support/catalog-app'
import { databaseTargets } from '../../../server/test/support/test-databases'

export interface WeappBackend {
  url: string
  db: Database
  wechat: SandboxWeChat
  close(): Promise<void>
}

export async function startWeappBackend(): Promise<WeappBackend> {
  const pglite = databaseTargets().find((target) => target.name === 'pglite')
  if (!pglite) throw new Error('no PGlite database target')
  const wechat = new SandboxWeChat()
  const opened = await openCatalogApp(pglite, { wechat, devRoutes: true })
  await opened.app.listen({ port: 0, host: '127.0.0.1' })
  const address = opened.app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('backend is not listening')
  return { url: `http://127.0.0.1:${address.port}`, db: opened.db, wechat, close: () => opened.close() }
}

const ROOT = path.resolve(__dirname, '..', '..', '..')

/** The API base the weapp build was made with (TARO_APP_API_BASE in .env.production). */
export function builtApiOrigin(): string {
  const env = fs.readFileSync(path.join(ROOT, '.env.production'), 'utf8')
  const match = env.match(/^TARO_APP_API_BASE="?([^"\n]+)"?/m)
  if (!match?.[1]) throw new Error('.env.production has no TARO_APP_API_BASE')
  return match[1]
}
