import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors'
import { badRequest, describeValidation, type ValidationIssue } from './errors'

/**
 * JSON bodies are checked here, not by fastify's Ajv: Ajv coerces types (it turns `null` into ""
 * inside a nullable string and "5" into 5), which would let wrong types through and corrupt
 * nullable fields. TypeBox checks the same schemas without coercion; its first error is described
 * in the wording query-string errors use ("contact.name is required").
 */
/**
 * What a route takes as its body, declared in its options (`config.body`) because the check itself
 * runs in the handler, after the login check: a schema given to parseBody (or the fields a handler
 * reads), 'multipart', 'raw' (bytes checked by a signature) or 'none'. Tools read it from the
 * registered routes (the fuzz suite builds its requests from it).
 */
export type BodyDeclaration = TSchema | 'multipart' | 'raw' | 'none'

declare module 'fastify' {
  interface FastifyContextConfig {
    body?: BodyDeclaration
  }
}

const checks = new WeakMap<TSchema, TypeCheck<TSchema>>()

function compiled(schema: TSchema): TypeCheck<TSchema> {
  let check = checks.get(schema)
  if (!check) {
    check = TypeCompiler.Compile(schema)
    checks.set(schema, check)
  }
  return check
}

/** The body as the schema's type, or a 400 naming the first problem. */
export function parseBody<S extends TSchema>(schema: S, body: unknown): Static<S> {
  const check = compiled(schema)
  if (check.Check(body)) return body as Static<S>
  const first = check.Errors(body).First()
  const issue: ValidationIssue = first
    ? toIssue(first)
    : { instancePath: '', keyword: 'type', params: { type: 'object' } }
  throw badRequest(describeValidation([issue], 'body'))
}

const TYPE_NAMES: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.Array]: 'array',
  [ValueErrorType.Boolean]: 'boolean',
  [ValueErrorType.Integer]: 'integer',
  [ValueErrorType.Null]: 'null',
  [ValueErrorType.Number]: 'number',
  [ValueErrorType.Object]: 'object',
  [ValueErrorType.String]: 'string',
}

const LIMITS: Partial<Record<ValueErrorType, [keyword: string, schemaKey: string]>> = {
  [ValueErrorType.IntegerMinimum]: ['minimum', 'minimum'],
  [ValueErrorType.IntegerMaximum]: ['maximum', 'maximum'],
  [ValueErrorType.NumberMinimum]: ['minimum', 'minimum'],
  [ValueErrorType.NumberMaximum]: ['maximum', 'maximum'],
  [ValueErrorType.StringMinLength]: ['minLength', 'minLength'],
  [ValueErrorType.StringMaxLength]: ['maxLength', 'maxLength'],
  [ValueErrorType.ArrayMinItems]: ['minItems', 'minItems'],
  [ValueErrorType.ArrayMaxItems]: ['maxItems', 'maxItems'],
}

/** "/contact/name" → "contact.name"; array indexes stay: "items.0.quantity". */
const dotted = (path: string): string => path.replace(/^\//, '').replace(/\//g, '.')

function literalValues(schema: TSchema): unknown[] | null {
  const members: unknown = schema.anyOf
  if (!Array.isArray(members)) return null
  const values = members.map((member: TSchema) => member.const as unknown)
  return values.every((value) => value !== undefined) ? values : null
}

function toIssue(error: ValueError): ValidationIssue {
  const base = { instancePath: error.path, message: error.message }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return { ...base, keyword: 'required', params: { missingProperty: dotted(error.path) } }
  }
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    // As Ajv reports it: the parent object's path and the extra property's name.
    const cut = error.path.lastIndexOf('/')
    return {
      ...base,
      instancePath: error.path.slice(0, Math.max(cut, 0)),
      keyword: 'additionalProperties',
      params: { additionalProperty: error.path.slice(cut + 1) },
    }
  }
  if (error.type === ValueErrorType.Union) {
    const allowed = literalValues(error.schema)
    if (allowed) return { ...base, keyword: 'enum', params: { allowedValues: allowed } }
    // A nullable field holding a bad non-null value: report what is wrong inside the non-null variant.
    if (error.value !== null) {
      for (const variant of error.errors) {
        const inner = variant.First()
        if (inner && inner.type !== ValueErrorType.Null) return toIssue(inner)
      }
    }
  }
  const type = TYPE_NAMES[error.type]
  if (type) return { ...base, keyword: 'type', params: { type } }
  const limit = LIMITS[error.type]
  if (limit) return { ...base, keyword: limit[0], params: { limit: error.schema[limit[1]] as unknown } }
  if (error.type === ValueErrorType.StringPattern) return { ...base, keyword: 'pattern', params: {} }
  return { ...base, keyword: 'invalid', params: {} }
}
