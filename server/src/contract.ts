/**
 * The server's copy of the HTTP contract in src/services/api/types.ts, as TypeBox schemas.
 * Routes use them to validate input and serialize output; test/contract.test.ts checks that
 * they still match the client's types field for field.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** Ids are short lowercase slugs (e.g. "fruit", "p001"); anything else is rejected with 400. */
export const ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,39}$'
export const Id = Type.String({ pattern: ID_PATTERN })

const Fen = Type.Integer({ minimum: 0 })

export const CategorySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    productCount: Type.Integer({ minimum: 0 }),
    image: Type.String(),
  },
  { additionalProperties: false },
)
export type Category = Static<typeof CategorySchema>

const productSummaryFields = {
  id: Type.String(),
  name: Type.String(),
  subtitle: Type.String(),
  categoryId: Type.String(),
  priceFen: Fen,
  originalPriceFen: Type.Union([Fen, Type.Null()]),
  image: Type.String(),
  sales: Type.Integer({ minimum: 0 }),
  stock: Type.Integer({ minimum: 0 }),
}

export const ProductSummarySchema = Type.Object(productSummaryFields, { additionalProperties: false })
export type ProductSummary = Static<typeof ProductSummarySchema>

export const SkuSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    priceFen: Fen,
    stock: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type Sku = Static<typeof SkuSchema>

export const ProductDetailSchema = Type.Object(
  {
    ...productSummaryFields,
    description: Type.String(),
    images: Type.Array(Type.String()),
    skus: Type.Array(SkuSchema),
  },
  { additionalProperties: false },
)
export type ProductDetail = Static<typeof ProductDetailSchema>

export const PRODUCT_SORTS = ['default', 'sales', 'price_asc', 'price_desc'] as const
export type ProductSort = (typeof PRODUCT_SORTS)[number]
// A plain enum (not a union of literals) so a bad value yields one readable validation error.
export const ProductSortSchema = Type.Unsafe<ProductSort>({ type: 'string', enum: [...PRODUCT_SORTS] })

export const PageSchema = <T extends TSchema>(item: T) =>
  Type.Object(
    {
      items: Type.Array(item),
      page: Type.Integer({ minimum: 1 }),
      pageSize: Type.Integer({ minimum: 1 }),
      total: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  )
export const ProductPageSchema = PageSchema(ProductSummarySchema)
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number }

export const HealthStatusSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  },
  { additionalProperties: false },
)
export type HealthStatus = Static<typeof HealthStatusSchema>

export const ERROR_CODES = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  // WeChat-side failures, mapped from the WeChat client's errcode
  'WECHAT_INVALID_CODE',
  'WECHAT_RATE_LIMITED',
  'WECHAT_RISKY_USER',
  'WECHAT_BUSY',
  'PHONE_QUOTA_EXCEEDED',
  // Orders
  'PRICE_CHANGED',
  'OUT_OF_STOCK',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ApiErrorBodySchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
        message: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type ApiErrorBody = Static<typeof ApiErrorBodySchema>

/** Paging and sorting shared by the product list and search. */
export const PAGE_MAX = 1000
export const PAGE_SIZE_MAX = 50
export const PAGE_SIZE_DEFAULT = 20

export const pagingQueryFields = {
  sort: Type.Optional(ProductSortSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX })),
}
