import type { preHandlerAsyncHookHandler } from 'fastify'
import type { Database } from '../db/database'
import type { RateLimiter } from '../limits/rate-limits'
import type { OrderPolicy } from '../orders/place-order'
import type { PhoneCipher } from '../phones/phone-cipher'
import type { Clock } from '../time'
import type { OrderTemplate } from '../subscriptions/templates'
import type { WeChatApi } from '../wechat/api'

/** What the account, checkout and push routes share; built once in buildApp. */
export interface RouteContext {
  db: Database
  now: Clock
  wechat: WeChatApi
  /** The preHandler of every route that needs a login (401 UNAUTHORIZED otherwise). */
  requireUser: preHandlerAsyncHookHandler
  /** Encrypts phone numbers at rest. */
  phoneCipher: PhoneCipher
  /** The order-status templates users may subscribe to (at most 3). */
  subscribeTemplates: readonly OrderTemplate[]
  /** Rate limits and quotas (429 TOO_MANY_REQUESTS with Retry-After). */
  limiter: RateLimiter
  /** Payment window of unpaid orders and how many one member may hold. */
  orderPolicy: OrderPolicy
  /** Sandbox-only helpers such as POST /api/orders/:id/advance; never in production. */
  devRoutes: boolean
}
