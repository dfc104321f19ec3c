import type { Category, Page, ProductDetail, ProductSummary, Sku } from './types'

/**
 * Hand-written runtime checks for the backend contract in ./types.ts. A guard returns true only
 * when the value has every field the UI relies on, with the right type; extra fields are ignored
 * so the server can add fields without breaking older clients.
 */
export type Guard<T> = (value: unknown) => value is T

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isString(value: unknown): value is string {
  return typeof value === 'string'
}

/** Finite and non-negative: prices, counts and stock are never negative in this contract. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

export function isInteger(value: unknown): value is number {
  return isCount(value) && Number.isInteger(value)
}

export function arrayOf<T>(item: Guard<T>): Guard<T[]> {
  return (value: unknown): value is T[] => Array.isArray(value) && value.every(item)
}

export const isCategory: Guard<Category> = (v): v is Category =>
  isRecord(v) &&
  isString(v.id) &&
  isString(v.name) &&
  isString(v.description) &&
  isInteger(v.productCount) &&
  isString(v.image)

export const isProductSummary: Guard<ProductSummary> = (v): v is ProductSummary =>
  isRecord(v) &&
  isString(v.id) &&
  isString(v.name) &&
  isString(v.subtitle) &&
  isString(v.categoryId) &&
  isInteger(v.priceFen) &&
  (v.originalPriceFen === null || isInteger(v.originalPriceFen)) &&
  isString(v.image) &&
  isInteger(v.sales) &&
  isInteger(v.stock)

export const isSku: Guard<Sku> = (v): v is Sku =>
  isRecord(v) && isString(v.id) && isString(v.name) && isInteger(v.priceFen) && isInteger(v.stock)

export const isProductDetail: Guard<ProductDetail> = (v): v is ProductDetail =>
  isProductSummary(v) &&
  isRecord(v) &&
  isString(v.description) &&
  arrayOf(isString)(v.images) &&
  arrayOf(isSku)(v.skus)

export function isPageOf<T>(item: Guard<T>): Guard<Page<T>> {
  return (v: unknown): v is Page<T> =>
    isRecord(v) &&
    arrayOf(item)(v.items) &&
    isInteger(v.page) &&
    isInteger(v.pageSize) &&
    isInteger(v.total)
}

export const isCategoryList: Guard<{ items: Category[] }> = (v): v is { items: Category[] } =>
  isRecord(v) && arrayOf(isCategory)(v.items)

/** The error body every non-2xx response should carry; only used to enrich ApiError. */
export function readErrorBody(v: unknown): { code: string; message: string } | null {
  if (!isRecord(v) || !isRecord(v.error)) return null
  const { code, message } = v.error
  return isString(code) && isString(message) ? { code, message } : null
}
