import type { preHandlerAsyncHookHandler } from 'fastify'
import type { Database } from '../db/database'
import type { Clock } from '../time'
import type { WeChatApi } from '../wechat/api'

/** What the account, checkout and push routes share; built once in buildApp. */
export interface RouteContext {
  db: Database
  now: Clock
  wechat: WeChatApi
  /** The preHandler of every route that needs a login (401 UNAUTHORIZED otherwise). */
  requireUser: preHandlerAsyncHookHandler
}
