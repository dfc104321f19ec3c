import type { Category, ProductDetail, ProductPage, ProductSort } from '@contract/schemas'
import { isCategoryList } from './generated/is-category-list'
import { isProductDetail } from './generated/is-product-detail'
import { isProductPage } from './generated/is-product-page'
import type { HttpClientOptions } from './http'
import { createHttpClient } from './http'

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
  listProducts(params?: ListProductsParams): Promise<ProductPage>
  getProduct(id: string): Promise<ProductDetail>
  searchProducts(params: SearchParams): Promise<ProductPage>
  /** Turns a relative /api/images/... path from the API into a URL the Image component can load. */
  imageUrl(path: string): string
}

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
