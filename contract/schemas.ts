/**
 * THE HTTP contract between the mini program and the server, as TypeBox schemas, written once.
 * - The server's routes validate input and serialize output with these schemas.
 * - The mini program imports only TYPES from here (`import type`: TypeBox never enters its
 *   package); its runtime response checks are generated from these schemas by `npm run gen:guards`
 *   into src/services/api/generated/ (a test fails when that folder is stale).
 * Every exported `XSchema` object has a type `X` next to it: the generated guard `isX` narrows to it.
 * All prices are integers in fen (1 yuan = 100 fen). All paths are under /api.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { FULFILMENTS, ORDER_MAX_LINES, ORDER_MAX_QUANTITY, ORDER_STATUSES, TEXT_LIMITS } from './rules'

export type { Fulfilment, OrderStatus } from './rules'

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
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number }
export const ProductPageSchema = PageSchema(ProductSummarySchema)
export type ProductPage = Page<ProductSummary>

/** GET /api/categories */
export const CategoryListSchema = Type.Object({ items: Type.Array(CategorySchema) }, { additionalProperties: false })
export type CategoryList = Static<typeof CategoryListSchema>

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
 * Accounts, outlets, phone, subscriptions and orders (issues 4 and 5).
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
export type SubscribeDecision = (typeof SUBSCRIBE_DECISIONS)[number]
export const SubscribeDecisionSchema = StringEnum(SUBSCRIBE_DECISIONS)

export const MyDataSchema = Type.Object(
  {
    profile: UserProfileSchema,
    phone: Nullable(
      Type.Object({ masked: Type.String(), source: PhoneSourceSchema, savedAt: IsoTime }, { additionalProperties: false }),
    ),
    savedOutlet: Nullable(
      Type.Object({ outletId: Type.String(), name: Type.String(), savedAt: IsoTime }, { additionalProperties: false }),
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

const outletFields = {
  id: Type.String(),
  name: Type.String(),
  city: Type.String(),
  address: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  hours: Type.String(),
}
export const OutletSchema = Type.Object(outletFields, { additionalProperties: false })
export type Outlet = Static<typeof OutletSchema>

export const OutletListSchema = Type.Object(
  { items: Type.Array(OutletSchema), cities: Type.Array(Type.String()) },
  { additionalProperties: false },
)
export type OutletList = Static<typeof OutletListSchema>

export const NearbyOutletSchema = Type.Object(
  { ...outletFields, distanceMeters: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)
export type NearbyOutlet = Static<typeof NearbyOutletSchema>
export const NearestOutletsSchema = Type.Object({ items: Type.Array(NearbyOutletSchema) }, { additionalProperties: false })
export type NearestOutlets = Static<typeof NearestOutletsSchema>

export const PhoneOnFileSchema = Type.Object(
  { masked: Type.String(), source: PhoneSourceSchema },
  { additionalProperties: false },
)
export type PhoneOnFile = Static<typeof PhoneOnFileSchema>

export const SubscribeTemplateSchema = Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: false })
export type SubscribeTemplate = Static<typeof SubscribeTemplateSchema>

/** GET /api/subscribe/templates: at most 3 order-status templates. */
export const SubscribeTemplateListSchema = Type.Object({ items: Type.Array(SubscribeTemplateSchema) }, { additionalProperties: false })
export type SubscribeTemplateList = Static<typeof SubscribeTemplateListSchema>

export const FulfilmentSchema = StringEnum(FULFILMENTS)
export const OrderStatusSchema = StringEnum(ORDER_STATUSES)

/**
 * Typed text in a request body. The rules (./rules.ts TEXT_LIMITS) count characters after trimming,
 * which a schema cannot express: the server checks that itself. The schema only caps the raw string
 * (RAW_TEXT_SLACK times the rule's limit), so a huge body is refused before any work.
 */
export const RAW_TEXT_SLACK = 10
const TypedText = (limit: number) => Type.String({ maxLength: limit * RAW_TEXT_SLACK })
/** A one-time code from a WeChat API (wx.login, the getPhoneNumber button). */
const WeChatCode = Type.String({ minLength: 1, maxLength: 128 })

const AddressSchema = Type.Object(
  { city: TypedText(TEXT_LIMITS.city), detail: TypedText(TEXT_LIMITS.addressDetail) },
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
        name: TypedText(TEXT_LIMITS.contactName),
        /** A manually typed mainland mobile number, or null to use the phone on file. Pickup may omit both. */
        phone: Nullable(Type.String({ maxLength: 40 })),
        usePhoneOnFile: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    address: Nullable(AddressSchema),
    outletId: Nullable(Id),
    note: TypedText(TEXT_LIMITS.note),
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
    outlet: Nullable(OutletSchema),
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
export type OrderPage = Page<OrderSummary>

/** Taro.requestPayment's parameters, signed for WeChat Pay JSAPI (server/src/payments/wechatpay-crypto.ts signs them). */
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
export type RequestPaymentParams = Static<typeof RequestPaymentParamsSchema>

/** POST /api/orders/:id/payment: how the client goes on paying (see server/src/payments/gateway.ts). */
export const PaymentStartSchema = Type.Union([
  Type.Object({ provider: Type.Literal('sandbox') }, { additionalProperties: false }),
  Type.Object({ provider: Type.Literal('wechatpay'), request: RequestPaymentParamsSchema }, { additionalProperties: false }),
])
export type PaymentStart = Static<typeof PaymentStartSchema>

/* ------------------------------------------------------------------------------------------------
 * Request bodies. Routes check them with parseBody (server/src/strict-body.ts: TypeBox, no type
 * coercion); the mini program's API clients send exactly these types.
 * ---------------------------------------------------------------------------------------------- */

/** POST /api/auth/login: the one-time code from wx.login. */
export const LoginRequestSchema = Type.Object({ code: WeChatCode }, { additionalProperties: false })
export type LoginRequest = Static<typeof LoginRequestSchema>

/** PUT /api/me/profile (WX-PROFILE-2: sent when the form is submitted). */
export const ProfileUpdateSchema = Type.Object({ nickname: TypedText(TEXT_LIMITS.nickname) }, { additionalProperties: false })
export type ProfileUpdate = Static<typeof ProfileUpdateSchema>

/** POST /api/me/phone/wechat: the getPhoneNumber button's one-time code (WX-PHONE-5). */
export const WeChatPhoneRequestSchema = Type.Object({ code: WeChatCode }, { additionalProperties: false })
export type WeChatPhoneRequest = Static<typeof WeChatPhoneRequestSchema>

/** PUT /api/me/phone: a number typed by hand (separators allowed; the server normalizes it). */
export const ManualPhoneRequestSchema = Type.Object({ phone: Type.String({ maxLength: 40 }) }, { additionalProperties: false })
export type ManualPhoneRequest = Static<typeof ManualPhoneRequestSchema>

/** PUT /api/me/outlet: the member's preferred outlet, or null to forget it. */
export const OutletChoiceSchema = Type.Object({ outletId: Nullable(Id) }, { additionalProperties: false })
export type OutletChoice = Static<typeof OutletChoiceSchema>

/** POST /api/orders/:id/subscriptions: the user's choice per template, as WeChat reported it (WX-SUB-3). */
export const SubscriptionResultsSchema = Type.Object(
  { results: Type.Record(Type.String({ maxLength: 128 }), SubscribeDecisionSchema) },
  { additionalProperties: false },
)
export type SubscriptionResults = Static<typeof SubscriptionResultsSchema>
