import type * as Fastify from 'fastify'
import type { Database } from '../db/database'
import { ApiError } from '../errors'
import type { Clock } from '../time'
import { bearerToken } from './session-tokens'
import { touchSession, type ActiveSession } from './sessions'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set on routes whose client cannot read response headers (wx.uploadFile reports none): a token
     * is never rotated there, or the client would keep using one that stops working after the grace.
     */
    keepSessionToken?: boolean
  }
  interface FastifyRequest {
    /** Set by requireUser; null on routes that do not require a login. */
    session: ActiveSession | null
  }
}

/** Response headers that carry a rotated session token and its expiry (exposed to browsers by CORS). */
export const ROTATED_TOKEN_HEADER = 'x-session-token'
export const ROTATED_EXPIRY_HEADER = 'x-session-expires-at'

const unauthorized = (reply: Fastify.FastifyReply, message: string): ApiError => {
  reply.header('www-authenticate', 'Bearer')
  return new ApiError(401, 'UNAUTHORIZED', message)
}

/**
 * Installs request.session and returns the preHandler every authenticated route lists:
 * `Authorization: Bearer <token>` of a live session, else 401 UNAUTHORIZED.
 */
export function installAuth(app: Fastify.FastifyInstance, db: Database, now: Clock): Fastify.preHandlerAsyncHookHandler {
  app.decorateRequest('session', null)
  return async function requireUser(request: Fastify.FastifyRequest, reply: Fastify.FastifyReply): Promise<void> {
    const token = bearerToken(request.headers.authorization)
    if (token === null) throw unauthorized(reply, 'Login required: send Authorization: Bearer <token>')
    const session = await touchSession(db, token, now(), { rotate: request.routeOptions.config.keepSessionToken !== true })
    if (session === null) throw unauthorized(reply, 'Session expired or revoked; log in again')
    request.session = session
    // WX-LOGIN-6: the token was rotated; the client replaces its stored one with this.
    if (session.rotated) {
      reply.header(ROTATED_TOKEN_HEADER, session.rotated.token)
      reply.header(ROTATED_EXPIRY_HEADER, session.rotated.expiresAt)
    }
  }
}

/** The session of a route that lists requireUser (a programming error otherwise). */
export function sessionOf(request: Fastify.FastifyRequest): ActiveSession {
  if (request.session === null) throw new Error(`${request.routeOptions.url ?? 'route'} is missing the requireUser preHandler`)
  return request.session
}
