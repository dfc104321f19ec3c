/**
 * The shop's business rules, written once for both sides: the mini program uses them to preview and
 * to stop input early, the server enforces them (its TypeBox schemas in ./schemas.ts read the same
 * constants). Dependency-free on purpose: the mini program bundles this file.
 */

/* ---------------------------------------------------------------------------------------------
 * Text the user types. Lengths count characters (code points: an emoji counts once), after trimming.
 * ------------------------------------------------------------------------------------------- */

export const TEXT_LIMITS = {
  nickname: 32,
  contactName: 20,
  city: 20,
  addressDetail: 100,
  note: 100,
  searchKeyword: 40,
  /** A typed mobile number: 11 digits plus the spaces or dashes people paste with it. */
  phone: 20,
} as const

/** Characters as a person counts them: code points, so an emoji is one. */
export const charCount = (text: string): number => [...text].length

/** A mainland China mobile number, as stored (spaces and dashes removed first: see normalizePhone). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** "138 0013-8000" → "13800138000": the separators people type are dropped before any check. */
export const normalizePhone = (raw: string): string => raw.replace(/[\s-]/g, '')

export const isMobileNumber = (raw: string): boolean => MOBILE_PATTERN.test(normalizePhone(raw))

/* ---------------------------------------------------------------------------------------------
 * Orders.
 * ------------------------------------------------------------------------------------------- */

export const FULFILMENTS = ['delivery', 'pickup'] as const
export type Fulfilment = (typeof FULFILMENTS)[number]

export const FULFILMENT_TEXT: Readonly<Record<Fulfilment, string>> = {
  delivery: '配送',
  pickup: '到店自提',
}

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** How an order's status reads in the app and in subscribe messages. */
export const ORDER_STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  pending_payment: '待支付',
  paid: '已支付',
  shipped: '已发货',
  ready_for_pickup: '待取货',
  completed: '已完成',
  cancelled: '已取消',
}

/** Delivery is free from ¥59 of goods; below that it costs ¥6. Pickup is always free. */
export const DELIVERY_FEE_FEN = 600
export const FREE_DELIVERY_FROM_FEN = 5900

export function deliveryFeeFen(itemsFen: number, fulfilment: Fulfilment): number {
  return fulfilment === 'pickup' || itemsFen >= FREE_DELIVERY_FROM_FEN ? 0 : DELIVERY_FEE_FEN
}

/** Lines per order and the quantity of one line (the cart's stepper stops there too). */
export const ORDER_MAX_LINES = 20
export const ORDER_MAX_QUANTITY = 99
