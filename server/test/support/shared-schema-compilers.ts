/**
 * Fastify's own schema compilers, with what they compile kept for every app one Jest worker builds.
 *
 * Each Fastify instance compiles every route's validators (Ajv) and response serializers
 * (fast-json-stringify, which compiles Ajv again on first use for each `anyOf`): about a third of a
 * second of CPU per app, and the server tests build over seventy apps from the same schemas. These
 * compilers are fastify's defaults (resolved from fastify itself, so the same versions), wrapped in
 * a cache keyed by the schema's content.
 *
 * Jest gives each test file its own module registry and global objects (a separate realm). The
 * worker's Jest environment (server-environment.ts) loads this module outside that realm and hands
 * the controller to test files on a global, so what it compiles belongs to no test file: schemas
 * are copied into this realm before they are compiled, and a test file's objects are never kept.
 */
import { createRequire } from 'node:module'
import type { FastifyServerOptions } from 'fastify'

export type SchemaController = NonNullable<FastifyServerOptions['schemaController']>

declare global {
  /** Compilers shared by the apps of this Jest worker; undefined outside the server test environment. */
  var sharedSchemaController: SchemaController | undefined
}

/** What a compiled validator or serializer is to this cache: fastify calls it, the cache only keeps it. */
type Compiled = (...args: never[]) => unknown
/** The route definition fastify passes to a compiler: the schema plus where it is used. */
type RouteSchemaDef = { schema: unknown } & Record<string, unknown>
type RouteCompiler = (route: RouteSchemaDef) => Compiled
type CompilerFactory = (externalSchemas: unknown, options: unknown) => RouteCompiler

const fromFastify = createRequire(require.resolve('fastify'))

/**
 * A deep copy made of this realm's objects, for schemas the compilers keep (route schemas are JSON:
 * TypeBox's symbol keys do not matter to the compilers). Options are passed as they are: they may hold
 * plugins (functions), and the compilers copy what they read from them.
 */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

/**
 * Wraps a compiler factory: the same schema (by content) under the same external schemas and
 * options compiles once. The route's method, URL, HTTP part or status do not change what fastify's
 * compilers build from a schema, so they are not part of the key.
 */
function cached(factory: CompilerFactory): CompilerFactory {
  const compiled = new Map<string, Compiled>()
  return (externalSchemas, options) => {
    const context = JSON.stringify([externalSchemas, options])
    let compile: RouteCompiler | null = null
    return (route) => {
      const key = `${context}\u0000${JSON.stringify(route.schema)}`
      let fn = compiled.get(key)
      if (!fn) {
        compile ??= factory(copy(externalSchemas), options)
        fn = compile({ ...route, schema: copy(route.schema) })
        compiled.set(key, fn)
      }
      return fn
    }
  }
}

/** A schema controller whose compilers keep what they compile for every app given it. */
function sharedSchemaController(): SchemaController {
  const ajvCompiler = fromFastify('@fastify/ajv-compiler') as () => CompilerFactory
  const fastJsonStringifyCompiler = fromFastify('@fastify/fast-json-stringify-compiler') as () => CompilerFactory
  const factories = { buildValidator: cached(ajvCompiler()), buildSerializer: cached(fastJsonStringifyCompiler()) }
  return { compilersFactory: factories as unknown as SchemaController['compilersFactory'] }
}

/** This process's shared controller, made on first use. */
export function processSchemaController(): SchemaController {
  return (globalThis.sharedSchemaController ??= sharedSchemaController())
}
