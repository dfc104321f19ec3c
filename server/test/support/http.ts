import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import './outside-jest' // before fastify.inject loads light-my-request
import { ApiErrorBodySchema, type ApiErrorBody } from '../../src/contract'

export function get(app: FastifyInstance, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url })
}

/** The JSON body, after asserting it matches the contract schema exactly (no extra fields). */
export function bodyOf<S extends TSchema>(response: LightMyRequestResponse, schema: S): Static<S> {
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  const value: unknown = response.json()
  const problems = [...Value.Errors(schema, value)].slice(0, 3).map((error) => `${error.path}: ${error.message}`)
  expect(problems).toEqual([])
  return value as Static<S>
}

/** Asserts status, code and the uniform {error:{code,message}} shape; returns the body. */
export function expectError(
  response: LightMyRequestResponse,
  status: number,
  code: ApiErrorBody['error']['code'],
): ApiErrorBody {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status })
  const body = bodyOf(response, ApiErrorBodySchema)
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body
}
