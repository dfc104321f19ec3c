/**
 * The server's TypeBox schemas (src/contract.ts) must describe exactly the client's types in
 * src/services/api/types.ts. Two checks: a compile-time one (tsc fails if a shape drifts) and a
 * run-time one that reads the client file with the TypeScript parser and compares field names.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Static, TObject, TSchema } from '@sinclair/typebox'
import ts from 'typescript'
import type * as Client from '../../src/services/api/types'
import {
  ApiErrorBodySchema,
  CategorySchema,
  ERROR_CODES,
  FULFILMENTS,
  HealthStatusSchema,
  LoginResponseSchema,
  MyDataSchema,
  NearestStoresSchema,
  ORDER_STATUSES,
  OrderLineSchema,
  OrderPageSchema,
  OrderSchema,
  OrderSummarySchema,
  PaymentStartSchema,
  RequestPaymentParamsSchema,
  PHONE_SOURCES,
  PhoneOnFileSchema,
  PlaceOrderRequestSchema,
  PRODUCT_SORTS,
  ProductDetailSchema,
  ProductPageSchema,
  ProductSummarySchema,
  SkuSchema,
  StoreListSchema,
  StoreSchema,
  SUBSCRIBE_DECISIONS,
  SubscribeTemplateSchema,
  UserProfileSchema,
  type Fulfilment,
  type OrderStatus,
  type ProductSort,
  type SubscribeDecisionValue,
} from '../src/contract'

/** Intersections and nested objects as one plain object type each (arrays stay arrays). */
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function assertType<Check extends true>(): Check | undefined {
  return undefined
}

// Compile-time: `npx tsc -p server/tsconfig.json` fails here if either side changes alone.
assertType<Equal<Static<typeof CategorySchema>, Client.Category>>()
assertType<Equal<Static<typeof ProductSummarySchema>, Client.ProductSummary>>()
assertType<Equal<Static<typeof SkuSchema>, Client.Sku>>()
assertType<Equal<Static<typeof ProductDetailSchema>, Client.ProductDetail>>()
assertType<Equal<Static<typeof ProductPageSchema>, Client.Page<Client.ProductSummary>>>()
assertType<Equal<Static<typeof HealthStatusSchema>, Client.HealthStatus>>()
assertType<Equal<Static<typeof ApiErrorBodySchema>, Client.ApiErrorBody>>()
assertType<Equal<ProductSort, Client.ProductSort>>()
assertType<Equal<Static<typeof UserProfileSchema>, Client.UserProfile>>()
assertType<Equal<Static<typeof LoginResponseSchema>, Client.LoginResponse>>()
assertType<Equal<Static<typeof MyDataSchema>, Client.MyData>>()
assertType<Equal<Static<typeof StoreSchema>, Client.Store>>()
assertType<Equal<Static<typeof StoreListSchema>, Client.StoreList>>()
// The client writes `Store & { distanceMeters }`; the schema spells the fields out, so compare flattened.
assertType<Equal<Flat<Static<typeof NearestStoresSchema>>, Flat<Client.NearestStores>>>()
assertType<Equal<Static<typeof PhoneOnFileSchema>, Client.PhoneOnFile>>()
assertType<Equal<Static<typeof SubscribeTemplateSchema>, Client.SubscribeTemplate>>()
assertType<Equal<Static<typeof PlaceOrderRequestSchema>, Client.PlaceOrderRequest>>()
assertType<Equal<Static<typeof OrderLineSchema>, Client.OrderLine>>()
assertType<Equal<Static<typeof OrderSchema>, Client.Order>>()
assertType<Equal<Static<typeof OrderSummarySchema>, Client.OrderSummary>>()
assertType<Equal<Static<typeof OrderPageSchema>, Client.Page<Client.OrderSummary>>>()
assertType<Equal<Flat<Static<typeof PaymentStartSchema>>, Flat<Client.PaymentStart>>>()
assertType<Equal<SubscribeDecisionValue, Client.SubscribeDecisionValue>>()
assertType<Equal<Fulfilment, Client.Fulfilment>>()
assertType<Equal<OrderStatus, Client.OrderStatus>>()

const CLIENT_TYPES = path.resolve(__dirname, '..', '..', 'src', 'services', 'api', 'types.ts')

interface ParsedTypes {
  interfaces: Map<string, string[]>
  aliases: Map<string, ts.TypeNode>
  /** The type of every property named `code`, wherever it is declared. */
  codeTypes: ts.TypeNode[]
  /** "Interface.field" → its declared type, for top-level fields. */
  properties: Map<string, ts.TypeNode>
}

/** Field names per interface (inherited ones included) and type aliases, from the client file. */
function parseClientTypes(): ParsedTypes {
  const source = ts.createSourceFile(CLIENT_TYPES, readFileSync(CLIENT_TYPES, 'utf8'), ts.ScriptTarget.ES2022, true)
  const own = new Map<string, { fields: string[]; parents: string[] }>()
  const aliases = new Map<string, ts.TypeNode>()
  const codeTypes: ts.TypeNode[] = []
  const properties = new Map<string, ts.TypeNode>()
  const findCodes = (node: ts.Node): void => {
    if (ts.isPropertySignature(node) && node.name.getText(source) === 'code' && node.type) codeTypes.push(node.type)
    ts.forEachChild(node, findCodes)
  }
  findCodes(source)
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const fields = statement.members.flatMap((member) =>
        ts.isPropertySignature(member) && ts.isIdentifier(member.name) ? [member.name.text] : [],
      )
      for (const member of statement.members) {
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.type) {
          properties.set(`${statement.name.text}.${member.name.text}`, member.type)
        }
      }
      const parents = (statement.heritageClauses ?? []).flatMap((clause) =>
        clause.types.map((type) => type.expression.getText(source)),
      )
      own.set(statement.name.text, { fields, parents })
    } else if (ts.isTypeAliasDeclaration(statement)) {
      aliases.set(statement.name.text, statement.type)
    }
  }
  const resolve = (name: string): string[] => {
    const entry = own.get(name)
    if (!entry) throw new Error(`interface ${name} not found in ${CLIENT_TYPES}`)
    return [...entry.parents.flatMap(resolve), ...entry.fields]
  }
  return { interfaces: new Map([...own.keys()].map((name) => [name, resolve(name)])), aliases, codeTypes, properties }
}

function literalUnion(node: ts.TypeNode | undefined): string[] {
  if (!node || !ts.isUnionTypeNode(node)) return []
  return node.types.flatMap((type) =>
    ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? [type.literal.text] : [],
  )
}

const keysOf = (schema: TObject): string[] => Object.keys(schema.properties).sort()

describe('server schemas match src/services/api/types.ts', () => {
  const client = parseClientTypes()
  const cases: [string, TSchema][] = [
    ['Category', CategorySchema],
    ['ProductSummary', ProductSummarySchema],
    ['Sku', SkuSchema],
    ['ProductDetail', ProductDetailSchema],
    ['Page', ProductPageSchema],
    ['HealthStatus', HealthStatusSchema],
    ['ApiErrorBody', ApiErrorBodySchema],
    ['UserProfile', UserProfileSchema],
    ['LoginResponse', LoginResponseSchema],
    ['MyData', MyDataSchema],
    ['Store', StoreSchema],
    ['StoreList', StoreListSchema],
    ['NearestStores', NearestStoresSchema],
    ['PhoneOnFile', PhoneOnFileSchema],
    ['SubscribeTemplate', SubscribeTemplateSchema],
    ['PlaceOrderRequest', PlaceOrderRequestSchema],
    ['OrderLine', OrderLineSchema],
    ['Order', OrderSchema],
    ['OrderSummary', OrderSummarySchema],
    ['RequestPaymentParams', RequestPaymentParamsSchema],
  ]

  test.each(cases)('%s has the same fields', (name, schema) => {
    expect(keysOf(schema as TObject)).toEqual([...(client.interfaces.get(name) ?? [])].sort())
  })

  test('every client interface has a server schema', () => {
    expect([...client.interfaces.keys()].sort()).toEqual(cases.map(([name]) => name).sort())
  })

  test.each([
    ['ProductSort', PRODUCT_SORTS],
    ['SubscribeDecisionValue', SUBSCRIBE_DECISIONS],
    ['Fulfilment', FULFILMENTS],
    ['OrderStatus', ORDER_STATUSES],
  ] as const)('%s values agree', (name, values) => {
    expect(literalUnion(client.aliases.get(name))).toEqual([...values])
  })

  test('phone sources agree', () => {
    expect(literalUnion(client.properties.get('PhoneOnFile.source'))).toEqual([...PHONE_SOURCES])
  })

  test('error codes agree', () => {
    expect(client.codeTypes).toHaveLength(1)
    expect(literalUnion(client.codeTypes[0])).toEqual([...ERROR_CODES])
  })
})
