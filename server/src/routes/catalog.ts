import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cachedJson, type CatalogCache } from '../catalog/catalog-cache'
import { categoryExists, getProduct, listCategories, listProducts } from '../catalog/catalog-queries'
import { CATALOG_JSON_CACHE_CONTROL, sendCached } from '../catalog/http-caching'
import {
  CategoryListSchema,
  Id,
  PAGE_SIZE_DEFAULT,
  pagingQueryFields,
  ProductDetailSchema,
  ProductPageSchema,
} from '../contract'
import type { Database } from '../db/database'
import { notFound } from '../errors'

export interface CatalogRouteOptions {
  db: Database
  catalog: CatalogCache
}

/**
 * Browsing needs no login: these routes never look at who is asking, so their answers are
 * serialised once and served from the catalog cache (response schemas document the shape; the
 * contract tests check it).
 */
export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRouteOptions> = async (app, { db, catalog }) => {
  app.get(
    '/api/categories',
    { schema: { response: { 200: CategoryListSchema } } },
    async (request, reply) => {
      const body = await catalog.get('categories', async () => cachedJson({ items: await listCategories(db) }))
      return sendCached(request, reply, body, CATALOG_JSON_CACHE_CONTROL)
    },
  )

  app.get(
    '/api/products',
    {
      schema: {
        querystring: Type.Object({ categoryId: Type.Optional(Id), ...pagingQueryFields }),
        response: { 200: ProductPageSchema },
      },
    },
    async (request, reply) => {
      const { categoryId, sort = 'default', page = 1, pageSize = PAGE_SIZE_DEFAULT } = request.query
      const key = JSON.stringify(['products', categoryId ?? null, sort, page, pageSize])
      const body = await catalog.get(key, async () => {
        if (categoryId !== undefined && !(await categoryExists(db, categoryId))) return null
        return cachedJson(await listProducts(db, categoryId, { sort, page, pageSize }))
      })
      if (!body) throw notFound(`Category ${categoryId ?? ''} not found`)
      return sendCached(request, reply, body, CATALOG_JSON_CACHE_CONTROL)
    },
  )

  app.get(
    '/api/products/:id',
    { schema: { params: Type.Object({ id: Id }), response: { 200: ProductDetailSchema } } },
    async (request, reply) => {
      const { id } = request.params
      const body = await catalog.get(JSON.stringify(['product', id]), async () => {
        const product = await getProduct(db, id)
        return product ? cachedJson(product) : null
      })
      if (!body) throw notFound(`Product ${id} not found`)
      return sendCached(request, reply, body, CATALOG_JSON_CACHE_CONTROL)
    },
  )
}
