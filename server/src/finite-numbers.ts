import type { FastifyInstance } from 'fastify'
import { badRequest, type ApiError } from './errors'

/**
 * Ajv's query-string coercion turns "Infinity" into a number that then passes minimum/maximum,
 * which reached SQL as an offset and failed with a 500 (e.g. /api/products?page=Infinity). After
 * validation every numeric query or path value must be finite. String fields (q=Infinity) stay
 * strings and are not affected.
 */
function firstNonFinite(values: unknown): ApiError | undefined {
  if (typeof values !== 'object' || values === null) return undefined
  for (const name in values) {
    const value: unknown = (values as Record<string, unknown>)[name]
    if (typeof value === 'number' && !Number.isFinite(value)) return badRequest(`${name} must be a finite number`)
  }
  return undefined
}

export function rejectNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    done(firstNonFinite(request.query) ?? firstNonFinite(request.params))
  })
}
