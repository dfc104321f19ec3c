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

/** GET /api/ready: the database answers and every migration of this build is applied (server-side only: probes read it). */
export const ReadyStatusSchema = Type.Object(
  {
    status: Type.Literal('ready'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    migrations: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type ReadyStatus = Static<typeof ReadyStatusSchema>

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
  // Payment provider missing or failing; the order is kept
  'PAYMENT_UNAVAILABLE',
  'UNPAID_LIMIT',
  'UNPAID_UNITS_LIMIT',
  'ORDER_EXPIRED',
  // Busy: a database race lost after retries, or a rate limit's sibling for capacity
  'SERVICE_BUSY',
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

/* ------------------------------------------------------------------------------------------------
 * Accounts, stores, phone, subscriptions and orders (issues 4 and 5).
 * ---------------------------------------------------------------------------------------------- */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
/**
 * A closed set of strings as a union of literals: request bodies are checked by TypeBox itself
 * (src/strict-body.ts), which reports it as one "must be one of" error.
 */
const StringEnum = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)))
/** ISO 8601 times, e.g. "2026-11-21T18:31:00.000Z". */
const IsoTime = Type.String()

export const UserProfileSchema = Type.Object(
  {
    id: Type.String(),
    nickname: Nullable(Type.String()),
    avatarUrl: Nullable(Type.String()),
    phoneMasked: Nullable(Type.String()),
    createdAt: IsoTime,
  },
  { additionalProperties: false },
)
export type UserProfile = Static<typeof UserProfileSchema>

export const LoginResponseSchema = Type.Object(
  { token: Type.String(), expiresAt: IsoTime, user: UserProfileSchema },
  { additionalProperties: false },
)
export type LoginResponse = Static<typeof LoginResponseSchema>

export const PHONE_SOURCES = ['wechat', 'manual'] as const
export type PhoneSource = (typeof PHONE_SOURCES)[number]
const PhoneSourceSchema = StringEnum(PHONE_SOURCES)

export const SUBSCRIBE_DECISIONS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeDecisionValue = (typeof SUBSCRIBE_DECISIONS)[number]
export const SubscribeDecisionSchema = StringEnum(SUBSCRIBE_DECISIONS)

export const MyDataSchema = Type.Object(
  {
    profile: UserProfileSchema,
    phone: Nullable(
      Type.Object({ masked: Type.String(), source: PhoneSourceSchema, savedAt: IsoTime }, { additionalProperties: false }),
    ),
    savedStore: Nullable(
      Type.Object({ storeId: Type.String(), name: Type.String(), savedAt: IsoTime }, { additionalProperties: false }),
    ),
    subscriptions: Type.Array(
      Type.Object(
        {
          templateId: Type.String(),
          title: Type.String(),
          orderId: Type.String(),
          decision: SubscribeDecisionSchema,
          sent: Type.Boolean(),
          createdAt: IsoTime,
        },
        { additionalProperties: false },
      ),
    ),
    orderCount: Type.Integer({ minimum: 0 }),
    activeSessions: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type MyData = Static<typeof MyDataSchema>

const storeFields = {
  id: Type.String(),
  name: Type.String(),
  city: Type.String(),
  address: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  hours: Type.String(),
}
export const StoreSchema = Type.Object(storeFields, { additionalProperties: false })
export type Store = Static<typeof StoreSchema>

export const StoreListSchema = Type.Object(
  { items: Type.Array(StoreSchema), cities: Type.Array(Type.String()) },
  { additionalProperties: false },
)
export type StoreList = Static<typeof StoreListSchema>

export const NearbyStoreSchema = Type.Object(
  { ...storeFields, distanceMeters: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)
export const NearestStoresSchema = Type.Object({ items: Type.Array(NearbyStoreSchema) }, { additionalProperties: false })
export type NearestStores = Static<typeof NearestStoresSchema>

export const PhoneOnFileSchema = Type.Object(
  { masked: Type.String(), source: PhoneSourceSchema },
  { additionalProperties: false },
)
export type PhoneOnFile = Static<typeof PhoneOnFileSchema>

export const SubscribeTemplateSchema = Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: false })
export type SubscribeTemplate = Static<typeof SubscribeTemplateSchema>

export const FULFILMENTS = ['delivery', 'pickup'] as const
export type Fulfilment = (typeof FULFILMENTS)[number]
export const FulfilmentSchema = StringEnum(FULFILMENTS)

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]
export const OrderStatusSchema = StringEnum(ORDER_STATUSES)

/** Limits of an order request; the route checks trimmed text lengths itself. */
export const ORDER_MAX_LINES = 20
export const ORDER_MAX_QUANTITY = 99

const AddressSchema = Type.Object(
  { city: Type.String({ maxLength: 200 }), detail: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
)

export const PlaceOrderRequestSchema = Type.Object(
  {
    idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    items: Type.Array(
      Type.Object(
        {
          skuId: Id,
          quantity: Type.Integer({ minimum: 1, maximum: ORDER_MAX_QUANTITY }),
          unitPriceFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: ORDER_MAX_LINES },
    ),
    fulfilment: FulfilmentSchema,
    contact: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        phone: Nullable(Type.String({ maxLength: 40 })),
        usePhoneOnFile: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    address: Nullable(AddressSchema),
    storeId: Nullable(Id),
    note: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
)
export type PlaceOrderRequest = Static<typeof PlaceOrderRequestSchema>

export const OrderLineSchema = Type.Object(
  {
    skuId: Type.String(),
    productId: Type.String(),
    name: Type.String(),
    skuName: Type.String(),
    unitPriceFen: Fen,
    quantity: Type.Integer({ minimum: 1 }),
    image: Type.String(),
  },
  { additionalProperties: false },
)
export type OrderLine = Static<typeof OrderLineSchema>

export const OrderSchema = Type.Object(
  {
    id: Type.String(),
    status: OrderStatusSchema,
    fulfilment: FulfilmentSchema,
    items: Type.Array(OrderLineSchema),
    itemsFen: Fen,
    deliveryFen: Fen,
    totalFen: Fen,
    contact: Type.Object(
      { name: Type.String(), phoneMasked: Nullable(Type.String()) },
      { additionalProperties: false },
    ),
    address: Nullable(AddressSchema),
    store: Nullable(StoreSchema),
    note: Type.String(),
    createdAt: IsoTime,
    paidAt: Nullable(IsoTime),
    /** Unpaid orders are cancelled (stock released) at this time; null once paid. */
    payBy: Nullable(IsoTime),
  },
  { additionalProperties: false },
)
export type Order = Static<typeof OrderSchema>

export const OrderSummarySchema = Type.Object(
  {
    id: Type.String(),
    status: OrderStatusSchema,
    fulfilment: FulfilmentSchema,
    totalFen: Fen,
    itemCount: Type.Integer({ minimum: 0 }),
    firstItemName: Type.String(),
    image: Type.String(),
    createdAt: IsoTime,
  },
  { additionalProperties: false },
)
export type OrderSummary = Static<typeof OrderSummarySchema>
export const OrderPageSchema = PageSchema(OrderSummarySchema)

/** Taro.requestPayment's parameters, signed for WeChat Pay JSAPI. */
export const RequestPaymentParamsSchema = Type.Object(
  {
    timeStamp: Type.String(),
    nonceStr: Type.String(),
    package: Type.String(),
    signType: Type.Literal('RSA'),
    paySign: Type.String(),
  },
  { additionalProperties: false },
)

/** POST /api/orders/:id/payment: how the client goes on paying (see server/src/payments/gateway.ts). */
export const PaymentStartSchema = Type.Union([
  Type.Object({ provider: Type.Literal('sandbox') }, { additionalProperties: false }),
  Type.Object({ provider: Type.Literal('wechatpay'), request: RequestPaymentParamsSchema }, { additionalProperties: false }),
])
export type PaymentStart = Static<typeof PaymentStartSchema>
