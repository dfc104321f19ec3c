import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import { levelEnabled } from './request-logger'

/**
 * The route pattern (/api/products/:id), never the URL: query strings such as search terms,
 * and later login codes or phone numbers, must not end up in logs.
 */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)'
}

/**
 * Errors by type, message, code and stack only. pg errors also carry `detail`, `where` and the
 * like, which quote row values ("Key (openid)=(o…) already exists"); those never reach the log.
 */
function serializeError(error: Error): { type: string; message: string; stack: string; [key: string]: unknown } {
  const code = (error as { code?: unknown }).code
  return { type: error.name, message: error.message, stack: error.stack ?? '', ...(typeof code === 'string' ? { code } : {}) }
}

/** Pino serializers so any log line that carries the request shows only method and route. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, route: routeOf(request) }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: serializeError,
}

/** fastify's request log lines, reduced to one line per request without the URL. */
export class RouteOnlyLogController extends LogController {
  override incomingRequest(): void {
    // One line per request is enough; it is written on completion.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Nothing to write (e.g. LOG_LEVEL=warn and no error): the line is not even built.
    if (!error && !levelEnabled(reply.log, 'info')) return
    const line = {
      method: request.method,
      route: routeOf(request),
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }

  override routeNotFound(): void {
    // The default line includes the URL; requestCompleted already records the 404.
  }
}

/**
 * Headers that carry credentials, blanked wherever a log object includes request headers (e.g.
 * @fastify/multipart logs its busboy options, headers and all, at trace level).
 */
export const LOG_REDACT = {
  paths: ['headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie'],
  censor: '[redacted]',
}
