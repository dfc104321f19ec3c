import type * as Fastify from 'fastify'
import type { Database } from '../db/database'
import { ApiError } from '../errors'
import type { Clock } from '../time'
import { bearerToken } from './session-tokens'
import { touchSession, type ActiveSession } from './sessions'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser; null on routes that do not require a login. */
    session: ActiveSession | null
  }
}

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
    const session = await touchSession(db, token, now())
    if (session === null) throw unauthorized(reply, 'Session expired or revoked; log in again')
    request.session = session
  }
}

/** The session of a route that lists requireUser (a programming error otherwise). */
export function sessionOf(request: Fastify.FastifyRequest): ActiveSession {
  if (request.session === null) throw new Error(`${request.routeOptions.url ?? 'route'} is missing the requireUser preHandler`)
  return request.session
}
