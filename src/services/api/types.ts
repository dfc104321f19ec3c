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
    code: 'BAD_REQUEST' | 'NOT_FOUND' | 'UNAUTHORIZED' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL'
    message: string
  }
}
