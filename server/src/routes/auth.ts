import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { createSession, revokeSession } from '../auth/sessions'
import { getProfile, upsertUser } from '../accounts/users'
import { LoginRequestSchema, LoginResponseSchema } from '../contract'
import { parseBody } from '../strict-body'
import { answerForWeChatFailure } from '../wechat/to-api-error'
import type { RouteContext } from './context'

/**
 * WX-LOGIN-3: wx.login's code → code2Session here → the server's own session token. The openid
 * stays in the database and session_key is dropped at once: nothing in this app needs it, and
 * a key that is never stored can neither leak nor be sent to the client.
 */
export const authRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, wechat, requireUser, limiter }) => {
  // Each login is a billed-quota code2Session call: bounded per client address.
  const loginLimit = limiter.limit('LOGIN_PER_IP', (request) => request.ip)
  app.post('/api/auth/login', { preHandler: loginLimit, config: { body: LoginRequestSchema }, schema: { response: { 200: LoginResponseSchema } } }, async (request) => {
    const { code } = parseBody(LoginRequestSchema, request.body)
    const identity = await wechat.code2Session(code).catch((error: unknown) => {
      throw answerForWeChatFailure(error, 'login', request.log)
    })
    const at = now()
    const { userId, session } = await db.transaction(async (tx) => {
      const id = await upsertUser(tx, identity.openid, identity.unionid, at)
      return { userId: id, session: await createSession(tx, id, at) }
    })
    const user = await getProfile(db, userId)
    if (!user) throw new Error('user vanished during login')
    return { token: session.token, expiresAt: session.expiresAt, user }
  })

  // WX-LOGIN-4: logout ends this session on the server, not just in the client's storage.
  app.post('/api/auth/logout', { preHandler: requireUser, config: { body: 'none' } }, async (request, reply) => {
    await revokeSession(db, sessionOf(request))
    return reply.code(204).send()
  })
}
