import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiErrorBody, ErrorCode } from './contract'
import { sqlState } from './db/pg-errors'

/** An error whose message is safe to show to the client. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const notFound = (message: string): ApiError => new ApiError(404, 'NOT_FOUND', message)
export const badRequest = (message: string): ApiError => new ApiError(400, 'BAD_REQUEST', message)

export function errorBody(code: ErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } }
}

export function sendError(reply: FastifyReply, statusCode: number, code: ErrorCode, message: string): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(errorBody(code, message))
}

/** The shape of one Ajv error as fastify hands it over (only the fields we read). */
export interface ValidationIssue {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** "page must be <= 1000": the field name first, without fastify's "querystring/" prefix. */
export function describeValidation(issues: readonly ValidationIssue[], context: string | undefined): string {
  const issue = issues[0]
  if (!issue) return 'Invalid request'
  const missing = issue.params.missingProperty
  const field = typeof missing === 'string' ? missing : issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const subject = field || context || 'request'
  switch (issue.keyword) {
    case 'required':
      return `${subject} is required`
    case 'type':
      return `${subject} must be ${article(String(issue.params.type))}`
    case 'enum':
      return `${subject} must be one of: ${toList(issue.params.allowedValues)}`
    case 'pattern':
      return `${subject} has an invalid format`
    case 'minimum':
    case 'maximum':
      return `${subject} must be ${issue.keyword === 'minimum' ? '>=' : '<='} ${String(issue.params.limit)}`
    case 'minLength':
      return `${subject} must be at least ${String(issue.params.limit)} characters`
    case 'maxLength':
      return `${subject} must be at most ${String(issue.params.limit)} characters`
    case 'minItems':
      return `${subject} must have at least ${String(issue.params.limit)} items`
    case 'maxItems':
      return `${subject} must have at most ${String(issue.params.limit)} items`
    case 'additionalProperties': {
      const extra = issue.params.additionalProperty
      return `${typeof extra === 'string' ? [field, extra].filter(Boolean).join('.') : subject} is not allowed`
    }
    default:
      return `${subject} ${issue.message ?? 'is invalid'}`
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function toList(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : String(values)
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED'
    case 404:
      return 'NOT_FOUND'
    case 409:
      return 'CONFLICT'
    case 413:
      return 'PAYLOAD_TOO_LARGE'
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE'
    case 429:
      return 'TOO_MANY_REQUESTS'
    default:
      return 'BAD_REQUEST'
  }
}

/**
 * PostgreSQL errors a request can cause without a bug on our side, as the answer they deserve
 * (never 500): a lost race after the retries (deadlock, serialization, lock timeout), a row that
 * disappeared under a foreign key (e.g. the account was deleted meanwhile), text PostgreSQL cannot
 * outlet (a NUL byte, invalid encoding).
 */
function databaseFailure(state: string | undefined): { status: number; code: ErrorCode; message: string; retryAfterSeconds?: number } | null {
  switch (state) {
    case '40P01':
    case '40001':
    case '55P03':
    case '57014':
      return { status: 503, code: 'SERVICE_BUSY', message: '当前访问人数较多，请稍后重试', retryAfterSeconds: 1 }
    case '23503':
      return { status: 409, code: 'CONFLICT', message: '数据已变化（例如账号已删除），请刷新后重试' }
    case '22021':
    case '22P05':
      return { status: 400, code: 'BAD_REQUEST', message: 'Text contains characters that cannot be stored' }
    default:
      return null
  }
}

/**
 * Every failure leaves as {error:{code,message}}. Client mistakes keep their 4xx status and a
 * specific message; anything else is logged and becomes a generic 500 without internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      return sendError(reply, error.statusCode, error.code, error.message)
    }
    if (error.validation) {
      return sendError(reply, 400, 'BAD_REQUEST', describeValidation(error.validation, error.validationContext))
    }
    const known = databaseFailure(sqlState(error))
    if (known) {
      request.log.warn({ sqlState: sqlState(error) }, 'database refused the request')
      if (known.retryAfterSeconds !== undefined) reply.header('retry-after', String(known.retryAfterSeconds))
      return sendError(reply, known.status, known.code, known.message)
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // fastify's own 4xx errors (body too large, bad content type, ...) carry safe messages.
      return sendError(reply, status, codeForStatus(status), error.message)
    }
    request.log.error({ err: error }, 'request failed')
    return sendError(reply, 500, 'INTERNAL', 'Internal server error')
  })

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    // The path only: query strings may carry data that does not belong in responses or logs.
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
    return sendError(reply, 404, 'NOT_FOUND', `Route ${request.method} ${path.slice(0, 200)} not found`)
  })
}
