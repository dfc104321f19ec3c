/**
 * Renders runtime guards from the contract's TypeBox schemas (plain JSON Schema objects): for every
 * exported `XSchema`, a dependency-free function `isX(value): value is X` that checks everything the
 * schema states — required properties, types, literals and enums, nullability, arrays and their
 * sizes, nested objects, number ranges, string lengths and patterns. The mini program uses these
 * guards on every response, so it never bundles TypeBox.
 *
 * One deliberate difference: extra properties are accepted (`additionalProperties: false` is not
 * checked), so a server that adds a field does not break mini programs already installed.
 */

/** TypeBox marks its schemas with this symbol; anything else exported next to them is skipped. */
const KIND = Symbol.for('TypeBox.Kind')

interface JsonSchema {
  type?: string
  const?: unknown
  enum?: unknown[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  patternProperties?: Record<string, JsonSchema>
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
}

export interface GuardSource {
  /** Exports of the contract module (schemas, constants, helpers: only TypeBox schemas are used). */
  contract: Readonly<Record<string, unknown>>
  /** Type names the contract module exports: `XSchema` needs a type `X` for its guard. */
  typeNames: ReadonlySet<string>
  /** Import path of the contract module, as written in the generated file. */
  importPath: string
}

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && KIND in value

/** `foo.bar`, or `foo["a-b"]` for keys that are not identifiers. */
function access(target: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${target}.${key}` : `${target}[${JSON.stringify(key)}]`
}

const literal = (value: unknown): string => JSON.stringify(value)

class Renderer {
  private readonly patterns: string[] = []
  private itemDepth = 0

  constructor(private readonly named: ReadonlyMap<JsonSchema, string>) {}

  /** Module-level constants the guards share (compiled patterns). */
  preamble(): string[] {
    return this.patterns.map((source, index) => `const PATTERN_${index} = new RegExp(${literal(source)})`)
  }

  /** A boolean expression that is true when `target` satisfies `schema`. */
  check(schema: JsonSchema, target: string, indent: string, topLevel = false): string {
    const name = this.named.get(schema)
    if (name && !topLevel) return `is${name}(${target})`
    const parts = this.parts(schema, target, indent)
    // Parts that start a new line (an object's properties) end the line before with the `&&`.
    return parts.length === 0 ? 'true' : parts.reduce((text, part) => `${text}${part.startsWith('\n') ? ' &&' : ' && '}${part}`)
  }

  private parts(schema: JsonSchema, target: string, indent: string): string[] {
    if (schema.const !== undefined) return [`${target} === ${literal(schema.const)}`]
    if (schema.enum) return [`oneOf(${target}, ${literal(schema.enum)})`]
    if (schema.anyOf) return [this.union(schema.anyOf, target, indent)]
    switch (schema.type) {
      case 'string':
        return [`isString(${target})`, ...this.stringLimits(schema, target)]
      case 'integer':
        return [`isInteger(${target})`, ...this.numberLimits(schema, target)]
      case 'number':
        return [`isNumber(${target})`, ...this.numberLimits(schema, target)]
      case 'boolean':
        return [`typeof ${target} === 'boolean'`]
      case 'null':
        return [`${target} === null`]
      case 'array':
        return this.array(schema, target, indent)
      case 'object':
        return this.object(schema, target, indent)
      default:
        throw new Error(`gen:guards: unsupported schema ${JSON.stringify(schema)} at ${target}`)
    }
  }

  private union(members: JsonSchema[], target: string, indent: string): string {
    // A closed set of strings reads best as one list.
    if (members.every((member) => member.const !== undefined)) {
      return `oneOf(${target}, ${literal(members.map((member) => member.const))})`
    }
    // Nullable reads as "null, or …".
    const rest = members.filter((member) => member.type !== 'null')
    if (rest.length === 1 && rest[0] && members.length === 2) {
      const check = this.check(rest[0], target, indent)
      return `(${target} === null || ${check.includes('&&') ? `(${check})` : check})`
    }
    const inner = `${indent}  `
    const alternatives = members.map((member) => `(${this.check(member, target, inner)})`)
    return `(\n${inner}${alternatives.join(` ||\n${inner}`)}\n${indent})`
  }

  private stringLimits(schema: JsonSchema, target: string): string[] {
    const parts: string[] = []
    if (schema.minLength !== undefined) parts.push(`${target}.length >= ${schema.minLength}`)
    if (schema.maxLength !== undefined) parts.push(`${target}.length <= ${schema.maxLength}`)
    if (schema.pattern !== undefined) {
      let index = this.patterns.indexOf(schema.pattern)
      if (index < 0) index = this.patterns.push(schema.pattern) - 1
      parts.push(`PATTERN_${index}.test(${target})`)
    }
    return parts
  }

  private numberLimits(schema: JsonSchema, target: string): string[] {
    const parts: string[] = []
    if (schema.minimum !== undefined) parts.push(`${target} >= ${schema.minimum}`)
    if (schema.maximum !== undefined) parts.push(`${target} <= ${schema.maximum}`)
    if (schema.exclusiveMinimum !== undefined) parts.push(`${target} > ${schema.exclusiveMinimum}`)
    if (schema.exclusiveMaximum !== undefined) parts.push(`${target} < ${schema.exclusiveMaximum}`)
    return parts
  }

  private array(schema: JsonSchema, target: string, indent: string): string[] {
    const parts = [`Array.isArray(${target})`]
    if (schema.minItems !== undefined) parts.push(`${target}.length >= ${schema.minItems}`)
    if (schema.maxItems !== undefined) parts.push(`${target}.length <= ${schema.maxItems}`)
    if (schema.items) parts.push(this.each(schema.items, `${target}.every`, indent))
    return parts
  }

  private object(schema: JsonSchema, target: string, indent: string): string[] {
    const parts = [`isRecord(${target})`]
    const inner = `${indent}  `
    const required = new Set(schema.required ?? [])
    // A schema that extends a named one (ProductDetail = ProductSummary + …) reuses its guard, last
    // (it narrows the value to the base type, which knows none of the extra properties).
    const base = this.baseOf(schema)
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (base?.keys.has(key)) continue
      const path = access(target, key)
      const check = this.check(property, path, inner)
      parts.push(required.has(key) ? `\n${inner}${check}` : `\n${inner}(${path} === undefined || ${check})`)
    }
    for (const property of Object.values(schema.patternProperties ?? {})) {
      parts.push(this.each(property, `Object.values(${target}).every`, indent))
    }
    if (base) parts.push(`\n${inner}is${base.name}(${target})`)
    return parts
  }

  /** The largest named object schema whose properties this one repeats exactly (same schema objects). */
  private baseOf(schema: JsonSchema): { name: string; keys: Set<string> } | null {
    let best: { name: string; keys: Set<string> } | null = null
    const own = schema.properties ?? {}
    const required = new Set(schema.required ?? [])
    for (const [candidate, name] of this.named) {
      if (candidate === schema || candidate.type !== 'object' || !candidate.properties) continue
      const keys = Object.keys(candidate.properties)
      if (keys.length >= Object.keys(own).length) continue
      const repeats = keys.every((key) => own[key] === candidate.properties?.[key] && required.has(key) === (candidate.required ?? []).includes(key))
      if (repeats && keys.length > (best?.keys.size ?? 0)) best = { name, keys: new Set(keys) }
    }
    return best
  }

  /** `list.every((item) => …)`, naming nested items item1, item2… so they never shadow. */
  private each(schema: JsonSchema, every: string, indent: string): string {
    const name = this.named.get(schema)
    if (name) return `${every}(is${name})`
    this.itemDepth += 1
    const item = this.itemDepth === 1 ? 'item' : `item${this.itemDepth}`
    const body = this.check(schema, item, `${indent}  `)
    this.itemDepth -= 1
    return `${every}((${item}: unknown) => ${body})`
  }
}

const HEADER = [
  '// Generated by `npm run gen:guards` from contract/schemas.ts: do not edit.',
  "// test/tools/generated-guards.test.ts fails when this folder is stale.",
]

const HELPERS: ReadonlyArray<[name: string, code: string]> = [
  ['isRecord', "export const isRecord = (value: unknown): value is Record<string, unknown> =>\n  typeof value === 'object' && value !== null && !Array.isArray(value)"],
  ['isString', "export const isString = (value: unknown): value is string => typeof value === 'string'"],
  ['isNumber', "export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)"],
  ['isInteger', 'export const isInteger = (value: unknown): value is number => isNumber(value) && Number.isInteger(value)'],
  ['oneOf', 'export const oneOf = (value: unknown, values: readonly unknown[]): boolean => values.includes(value)'],
]

/** `OrderLine` → `is-order-line`: one module per guard, so each lands in the package that uses it. */
export const guardFile = (name: string): string => `is-${name.replace(/[A-Z]/g, (c, at: number) => (at === 0 ? '' : '-') + c.toLowerCase())}`

/**
 * The generated folder: `checks.ts` (shared helpers) and one `is-<name>.ts` per schema. Throws
 * when a schema has no type to narrow to.
 */
export function renderGuards({ contract, typeNames, importPath }: GuardSource): Record<string, string> {
  const entries = Object.entries(contract)
    .filter((entry): entry is [string, JsonSchema] => entry[0].endsWith('Schema') && isSchema(entry[1]))
    .map(([exportName, schema]) => ({ name: exportName.slice(0, -'Schema'.length), schema }))
    .sort((a, b) => a.name.localeCompare(b.name))

  const missing = entries.filter(({ name }) => !typeNames.has(name)).map(({ name }) => `${name}Schema`)
  if (missing.length > 0) {
    throw new Error(`gen:guards: export a type named like each schema without "Schema" (missing for ${missing.join(', ')})`)
  }

  const named = new Map(entries.map(({ name, schema }) => [schema, name]))
  const files: Record<string, string> = {
    'checks.ts': [...HEADER, '', HELPERS.map(([, code]) => code).join('\n'), ''].join('\n'),
  }
  for (const { name, schema } of entries) {
    const renderer = new Renderer(named)
    const body = `export function is${name}(v: unknown): v is ${name} {\n  return ${renderer.check(schema, 'v', '  ', true)}\n}`
    const helpers = HELPERS.map(([helper]) => helper).filter((helper) => new RegExp(`\\b${helper}\\(`).test(body))
    const guards = [...new Set([...body.matchAll(/\bis([A-Z]\w*)\b/g)].map((match) => match[1] ?? ''))].filter((other) => other !== name && typeNames.has(other) && [...named.values()].includes(other))
    files[`${guardFile(name)}.ts`] = [
      ...HEADER,
      `import type { ${name} } from '${importPath}'`,
      ...(helpers.length > 0 ? [`import { ${helpers.join(', ')} } from './checks'`] : []),
      ...guards.sort().map((other) => `import { is${other} } from './${guardFile(other)}'`),
      ...(renderer.preamble().length > 0 ? ['', ...renderer.preamble()] : []),
      '',
      body,
      '',
    ].join('\n')
  }
  return files
}
