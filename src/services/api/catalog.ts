import { isCategoryList, isPageOf, isProductDetail, isProductSummary } from './guards'
import type { HttpClientOptions } from './http'
import { createHttpClient } from './http'
import type { Category, Page, ProductDetail, ProductSort, ProductSummary } from './types'

export interface ListProductsParams {
  categoryId?: string
  sort?: ProductSort
  page?: number
  pageSize?: number
}

export interface SearchParams {
  q: string
  sort?: ProductSort
  page?: number
  pageSize?: number
}

export interface CatalogApi {
  getCategories(): Promise<Category[]>
  listProducts(params?: ListProductsParams): Promise<Page<ProductSummary>>
  getProduct(id: string): Promise<ProductDetail>
  searchProducts(params: SearchParams): Promise<Page<ProductSummary>>
  /** Turns a relative /api/images/... path from the API into a URL the Image component can load. */
  imageUrl(path: string): string
}

const isProductPage = isPageOf(isProductSummary)

export function createCatalogApi(options: HttpClientOptions): CatalogApi {
  const http = createHttpClient(options)
  const base = options.baseUrl.replace(/\/+$/, '')

  return {
    async getCategories() {
      const body = await http.get('/api/categories', {}, isCategoryList)
      return body.items
    },
    listProducts({ categoryId, sort = 'default', page = 1, pageSize = 10 } = {}) {
      return http.get('/api/products', { categoryId, sort, page, pageSize }, isProductPage)
    },
    getProduct(id) {
      return http.get(`/api/products/${encodeURIComponent(id)}`, {}, isProductDetail)
    },
    searchProducts({ q, sort = 'default', page = 1, pageSize = 10 }) {
      return http.get('/api/search', { q, sort, page, pageSize }, isProductPage)
    },
    imageUrl(path) {
      if (path === '' || /^(https?:)?\/\//.test(path)) return path
      return `${base}${path.startsWith('/') ? path : `/${path}`}`
    },
  }
}
