/**
 * The HTTP contract between the mini program and the reference backend (server/).
 * All prices are integers in fen (1 yuan = 100 fen). All paths are under /api.
 * The server keeps its own copy of these shapes in its schemas; server tests check they agree.
 */

export interface Category {
  id: string
  name: string
  /** Short line shown under the category name. */
  description: string
  productCount: number
  /** Relative image path, e.g. /api/images/categories/fruit.png */
  image: string
}

export interface ProductSummary {
  id: string
  name: string
  subtitle: string
  categoryId: string
  /** Lowest SKU price, fen. */
  priceFen: number
  /** Struck-through list price, fen; null when not on sale. */
  originalPriceFen: number | null
  /** Relative path of the cover image, e.g. /api/images/products/p001/0.png */
  image: string
  sales: number
  /** Sum of SKU stock. */
  stock: number
}

export interface Sku {
  id: string
  /** e.g. "500g · 原味" */
  name: string
  priceFen: number
  stock: number
}

export interface ProductDetail extends ProductSummary {
  description: string
  images: string[]
  skus: Sku[]
}

export type ProductSort = 'default' | 'sales' | 'price_asc' | 'price_desc'

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

export interface HealthStatus {
  status: 'ok'
  database: 'pglite' | 'postgres'
}

/** Every non-2xx response has this body. */
export interface ApiErrorBody {
  error: {
    code:
      | 'BAD_REQUEST'
      | 'NOT_FOUND'
      | 'UNAUTHORIZED'
      | 'CONFLICT'
      | 'TOO_MANY_REQUESTS'
      | 'INTERNAL'
      | 'PAYLOAD_TOO_LARGE'
      | 'UNSUPPORTED_MEDIA_TYPE'
      // WeChat-side failures, mapped by the server's WeChat client
      | 'WECHAT_INVALID_CODE'
      | 'WECHAT_RATE_LIMITED'
      | 'WECHAT_RISKY_USER'
      | 'WECHAT_BUSY'
      | 'PHONE_QUOTA_EXCEEDED'
      // Orders
      | 'PRICE_CHANGED'
      | 'OUT_OF_STOCK'
      // Payment provider missing or failing; the order is kept
      | 'PAYMENT_UNAVAILABLE'
      | 'UNPAID_LIMIT'
      | 'UNPAID_UNITS_LIMIT'
      | 'ORDER_EXPIRED'
      | 'SERVICE_BUSY'
    message: string
  }
}

/* ------------------------------------------------------------------------------------------------
 * Accounts (issue 4). Authenticated endpoints take `Authorization: Bearer <token>`; a missing,
 * expired or revoked token gives 401 UNAUTHORIZED. The token is the server's own opaque session
 * token — never openid — and session_key never appears in any response.
 * ---------------------------------------------------------------------------------------------- */

/** What the user gave, as they may see it (WX-DATA-2). Only ever returned to the user themselves. */
export interface UserProfile {
  /** Opaque account id (not the openid). */
  id: string
  nickname: string | null
  /** Relative, unguessable, rotated on every change: /api/avatars/<key>.<ext>; null when none. */
  avatarUrl: string | null
  /** e.g. "138****8000"; null when no phone is on file. */
  phoneMasked: string | null
  createdAt: string
}

/** POST /api/auth/login  body { code } (the one-time code from WeChat login). */
export interface LoginResponse {
  token: string
  /** ISO time; the server slides it forward while the session is used (lifetime < 3 days). */
  expiresAt: string
  user: UserProfile
}

/** GET /api/me/data: everything the server holds about the user, with purposes (WX-DATA-2). */
export interface MyData {
  profile: UserProfile
  phone: { masked: string; source: 'wechat' | 'manual'; savedAt: string } | null
  savedStore: { storeId: string; name: string; savedAt: string } | null
  subscriptions: Array<{ templateId: string; title: string; orderId: string; decision: SubscribeDecisionValue; sent: boolean; createdAt: string }>
  orderCount: number
  activeSessions: number
}

/* ------------------------------------------------------------------------------------------------
 * Checkout, stores, phone, subscriptions, orders (issue 5).
 * ---------------------------------------------------------------------------------------------- */

export interface Store {
  id: string
  name: string
  city: string
  address: string
  latitude: number
  longitude: number
  hours: string
}

/** GET /api/stores → { items: Store[], cities: string[] }. */
export interface StoreList {
  items: Store[]
  cities: string[]
}

/** GET /api/stores/nearest?latitude=&longitude= → { items } (closest first, at most 5). */
export interface NearestStores {
  items: Array<Store & { distanceMeters: number }>
}

/** POST /api/me/phone/wechat body { code } (from the getPhoneNumber button) → PhoneOnFile. */
export interface PhoneOnFile {
  masked: string
  source: 'wechat' | 'manual'
}

export type SubscribeDecisionValue = 'accept' | 'reject' | 'ban' | 'filter'

/** GET /api/subscribe/templates → at most 3 order-status templates. */
export interface SubscribeTemplate {
  id: string
  title: string
}

export type Fulfilment = 'delivery' | 'pickup'

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'ready_for_pickup' | 'completed' | 'cancelled'

/** POST /api/orders (authenticated) body. */
export interface PlaceOrderRequest {
  /** Random per checkout attempt; a repeat with the same key returns the first order (double tap). */
  idempotencyKey: string
  /** The prices the user saw; the server recomputes and rejects a mismatch with 409 PRICE_CHANGED. */
  items: Array<{ skuId: string; quantity: number; unitPriceFen: number }>
  fulfilment: Fulfilment
  contact: {
    name: string
    /** A manually typed mainland mobile number, or null to use the phone on file. Pickup may omit both. */
    phone: string | null
    usePhoneOnFile: boolean
  }
  /** Required for delivery. */
  address: { city: string; detail: string } | null
  /** Required for pickup. */
  storeId: string | null
  note: string
}

export interface OrderLine {
  skuId: string
  productId: string
  name: string
  skuName: string
  unitPriceFen: number
  quantity: number
  image: string
}

export interface Order {
  id: string
  status: OrderStatus
  fulfilment: Fulfilment
  items: OrderLine[]
  itemsFen: number
  deliveryFen: number
  totalFen: number
  contact: { name: string; phoneMasked: string | null }
  address: { city: string; detail: string } | null
  store: Store | null
  note: string
  createdAt: string
  paidAt: string | null
  /** While unpaid: the order is cancelled and its stock released at this time. null once paid. */
  payBy: string | null
}

export interface OrderSummary {
  id: string
  status: OrderStatus
  fulfilment: Fulfilment
  totalFen: number
  itemCount: number
  firstItemName: string
  image: string
  createdAt: string
}

/** Taro.requestPayment's parameters, signed by the server for WeChat Pay JSAPI. */
export interface RequestPaymentParams {
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

/** POST /api/orders/:id/payment: the sandbox confirms on the server; WeChat Pay goes through Taro.requestPayment. */
export type PaymentStart = { provider: 'sandbox' } | { provider: 'wechatpay'; request: RequestPaymentParams }
