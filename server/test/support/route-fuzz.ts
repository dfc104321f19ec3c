/**
 * Fuzz requests built from the routes an app registers (issue 11, item 5): each route's params,
 * querystring and body schemas (fastify's `schema`, or the `config.body` a handler checks after the
 * login) become fast-check arbitraries that produce mostly well-typed values with hostile ones
 * mixed in at every level. A new route is fuzzed without editing a table.
 */
import * as fc from 'fast-check'
import type { RouteOptions } from 'fastify'
import type { BodyDeclaration } from '../../src/strict-body'
import { multipart } from './accounts'

/** A route as registered: what the fuzz suite needs to know about it. */
export interface RegisteredRoute {
  method: string
  url: string
  params?: JsonSchema
  querystring?: JsonSchema
  body?: Exclude<BodyDeclaration, object> | JsonSchema
  hasSchema: boolean
}

/** The JSON Schema keywords read here (TypeBox schemas are plain JSON Schema). */
export interface JsonSchema {
  type?: string
  enum?: readonly unknown[]
  const?: unknown
  anyOf?: readonly JsonSchema[]
  properties?: Readonly<Record<string, JsonSchema>>
  patternProperties?: Readonly<Record<string, JsonSchema>>
  required?: readonly string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  maxItems?: number
}

const asSchema = (value: unknown): JsonSchema | undefined => (typeof value === 'object' && value !== null ? (value as JsonSchema) : undefined)

/** An onRoute hook that records every route; pass it as buildApp's `onRoute`. */
export function routeRecorder(): { routes: RegisteredRoute[]; onRoute: (route: RouteOptions) => void } {
  const routes: RegisteredRoute[] = []
  const onRoute = (route: RouteOptions): void => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const schema = asSchema(route.schema) as Record<string, unknown> | undefined
    const declared = route.config?.body
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        params: asSchema(schema?.params),
        querystring: asSchema(schema?.querystring),
        body: typeof declared === 'string' ? declared : (asSchema(declared) ?? asSchema(schema?.body)),
        hasSchema: schema !== undefined || declared !== undefined,
      })
    }
  }
  return { routes, onRoute }
}

const paramNames = (url: string): string[] => [...url.matchAll(/:([A-Za-z_]\w*)/g)].map((match) => match[1] ?? '')

/**
 * What a route leaves undeclared: a route must have a schema; a `:param` must be in its params
 * schema; a method with a body must declare it (schema.body or config.body, 'none' included).
 */
export function undeclaredInputs(route: RegisteredRoute): string[] {
  const problems: string[] = []
  if (!route.hasSchema) problems.push('no schema')
  for (const name of paramNames(route.url)) {
    if (!route.params?.properties?.[name]) problems.push(`param ${name} not in a params schema`)
  }
  if (!['GET', 'HEAD'].includes(route.method) && route.body === undefined) problems.push('body not declared (config.body)')
  return problems
}

const SURROGATE_START = 0xd800
const SURROGATE_COUNT = 0x800
/** Code points but lone surrogates: what fast-check's `unit: 'binary'` draws from. */
export const CODE_POINT_COUNT = 0x110000 - SURROGATE_COUNT

/** The index-th code point that is not a lone surrogate, as fast-check's binary unit numbers them. */
export const codePointAt = (index: number): string => String.fromCodePoint(index < SURROGATE_START ? index : index + SURROGATE_COUNT)

/** The way back (fast-check shrinks with it); throws on anything but one such code point. */
export function codePointIndex(value: unknown): number {
  const point = typeof value === 'string' ? value.codePointAt(0) : undefined
  const isOneCodePoint = point !== undefined && String.fromCodePoint(point) === value
  if (!isOneCodePoint || (point >= SURROGATE_START && point < SURROGATE_START + SURROGATE_COUNT)) throw new Error('not one code point')
  return point < SURROGATE_START ? point : point - SURROGATE_COUNT
}

/**
 * fast-check's `unit: 'binary'`, drawn and shrunk the same way (a nat mapped to the index-th code
 * point), but mapping a character back by arithmetic: fast-check's own unit builds a table of all
 * 1.1 million characters for that, once per test file, 4–6 s of CPU (most of this suite's time).
 */
const anyCodePoint = fc.nat({ max: CODE_POINT_COUNT - 1 }).map(codePointAt, codePointIndex)

/** Text an attacker or a broken client sends. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: anyCodePoint, maxLength: 30 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202e\u0007\u001b[2J', "' or '1'='1", '%00', '../../etc/passwd', '😀'.repeat(30), 'x'.repeat(3000), '', ' ', 'null', '-1', '1e309', 'NaN'),
)
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
)

/** Ids that exist in the seeded catalog, so some generated requests reach the database rows. */
const KNOWN_IDS = ['p001', 'p006', 'p001-1', 'p006-1', 'fruit', 'sh-jingan', `o${'0'.repeat(20)}`, '0', 'x'.repeat(200)]

/** Values of the schema's type within its limits (mostly), with hostile values mixed in at every level. */
export function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileValue
  return fc.oneof({ weight: 4, arbitrary: typedValue(schema, depth) }, { weight: 1, arbitrary: hostileValue })
}

function typedValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  if (schema.anyOf && schema.anyOf.length > 0) return fc.oneof(...schema.anyOf.map((option) => valueFor(option, depth + 1)))
  switch (schema.type) {
    case 'string':
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 120) }),
        fc.constantFrom(...KNOWN_IDS),
      )
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(valueFor(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 4) })
    case 'object': {
      const properties = schema.properties ?? {}
      const keyed = fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueFor(property, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
      )
      const pattern = Object.values(schema.patternProperties ?? {})[0]
      if (!pattern) return keyed
      return fc.tuple(keyed, fc.dictionary(fc.oneof(fc.constantFrom('tmpl-shipped', 'tmpl-pickup'), hostileText), valueFor(pattern, depth + 1), { maxKeys: 4 }))
        .map(([fixed, extra]) => ({ ...extra, ...fixed }))
    }
    default:
      return hostileValue
  }
}

/** Percent-encodes the UTF-8 bytes (encodeURIComponent throws on a lone surrogate). */
const encode = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '')

export function pathFor(route: RegisteredRoute): fc.Arbitrary<string> {
  const names = paramNames(route.url)
  if (names.length === 0) return fc.constant(route.url)
  const segments = names.map((name) => fc.oneof(valueFor(route.params?.properties?.[name]).map(asText), hostileText).map(encode))
  return fc.tuple(...segments).map((values) => {
    let index = 0
    return route.url.replace(/:([A-Za-z_]\w*)/g, () => values[index++] ?? '')
  })
}

export function queryFor(route: RegisteredRoute): fc.Arbitrary<string> {
  const properties = route.querystring?.properties ?? {}
  const names = Object.keys(properties)
  const pair = names.length === 0
    ? fc.tuple(hostileText, hostileText)
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), valueFor(properties[name]).map(asText))) },
        { weight: 1, arbitrary: fc.tuple(hostileText, hostileText) },
      )
  return fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&'))
}

export interface FuzzBody {
  contentType?: string
  payload?: string | Buffer
}

const NO_BODY: FuzzBody = {}
const json = (value: unknown): FuzzBody => ({ contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' })
const garbage = fc.constantFrom<FuzzBody>(
  { contentType: 'application/json', payload: '{"a":' },
  { contentType: 'text/plain', payload: 'x' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1' },
  NO_BODY,
)

/** multipart/form-data with random parts, fields and boundaries (missing, empty, 300 characters). */
const multipartBody: fc.Arbitrary<FuzzBody> = fc
  .tuple(fc.oneof(fc.string({ maxLength: 80 }), fc.constant('b'.repeat(300)), fc.constant('')), fc.uint8Array({ maxLength: 200 }), fc.constantFrom('avatar', 'file', ''))
  .map(([mark, bytes, field]) => {
    const good = multipart({ field: field || 'avatar', filename: 'a.png', contentType: 'image/png', bytes: Buffer.from(bytes) })
    if (field !== '') return { contentType: good.headers['content-type'], payload: good.payload }
    const contentType = mark === '' ? 'multipart/form-data' : `multipart/form-data; boundary=${mark.replace(/[^\x21-\x7e]/g, '')}`
    return { contentType, payload: good.payload }
  })

export function bodyFor(route: RegisteredRoute): fc.Arbitrary<FuzzBody> {
  const declared = route.body
  if (declared === undefined) return fc.constant(NO_BODY)
  if (declared === 'multipart') return fc.oneof({ weight: 4, arbitrary: multipartBody }, { weight: 1, arbitrary: garbage })
  if (declared === 'raw') return fc.oneof(hostileText.map((text): FuzzBody => ({ contentType: 'application/json', payload: text })), garbage)
  // Sending a body where none is taken must be harmless too.
  if (declared === 'none') return fc.oneof({ weight: 3, arbitrary: fc.constant(NO_BODY) }, { weight: 1, arbitrary: fc.jsonValue().map(json) }, { weight: 1, arbitrary: garbage })
  return fc.oneof({ weight: 4, arbitrary: valueFor(declared).map(json) }, { weight: 1, arbitrary: fc.jsonValue().map(json) }, { weight: 1, arbitrary: garbage })
}
