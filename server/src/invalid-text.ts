import type { FastifyInstance } from 'fastify'
import { badRequest } from './errors'

/** A NUL byte (PostgreSQL text cannot hold it: 22021) or a UTF-16 surrogate without its pair. */
const INVALID = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The first string inside value (objects and arrays, bounded depth) that holds invalid text. */
function findInvalid(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return INVALID.test(value)
  if (depth > 8 || typeof value !== 'object' || value === null) return false
  if (Buffer.isBuffer(value)) return false
  for (const [key, item] of Object.entries(value)) {
    if (INVALID.test(key) || findInvalid(item, depth + 1)) return true
  }
  return false
}

/**
 * Text that no column can outlet faithfully is refused before any handler sees it: a NUL byte
 * anywhere in the query or JSON body used to reach PostgreSQL and fail there with a 500
 * (e.g. /api/search?q=%00, a NUL in a push's OpenID); a lone surrogate would be stored as U+FFFD.
 */
export function rejectInvalidText(app: FastifyInstance): void {
  // Path parameters are left to their routes: every one has a strict pattern or is a static file name.
  app.addHook('preHandler', (request, _reply, done) => {
    const invalid = findInvalid(request.query) || findInvalid(request.body)
    done(invalid ? badRequest('Text must not contain NUL bytes or unpaired surrogates') : undefined)
  })
}
