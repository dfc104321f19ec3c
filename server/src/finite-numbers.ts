import type { FastifyInstance } from 'fastify'
import { badRequest } from './errors'

/**
 * Ajv's query-string coercion turns "Infinity" into a number that then passes minimum/maximum,
 * which reached SQL as an offset and failed with a 500 (e.g. /api/products?page=Infinity). After
 * validation every numeric query or path value must be finite. String fields (q=Infinity) stay
 * strings and are not affected.
 */
export function rejectNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const values of [request.query, request.params]) {
      if (typeof values !== 'object' || values === null) continue
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'number' && !Number.isFinite(value)) throw badRequest(`${name} must be a finite number`)
      }
    }
  })
}
