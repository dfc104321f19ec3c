import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cachedJson, type CatalogCache } from '../catalog/catalog-cache'
import { categoryExists, getProduct, listCategories, listProducts } from '../catalog/catalog-queries'
import { answerFromCatalog, CATALOG_JSON_CACHE_CONTROL } from '../catalog/http-caching'
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
    (request, reply) =>
      answerFromCatalog(request, reply, catalog, 'categories', CATALOG_JSON_CACHE_CONTROL, () => ({
        build: async () => cachedJson({ items: await listCategories(db) }),
        missing: () => notFound('No categories'),
      })),
  )

  app.get(
    '/api/products',
    {
      schema: {
        querystring: Type.Object({ categoryId: Type.Optional(Id), ...pagingQueryFields }),
        response: { 200: ProductPageSchema },
      },
    },
    (request, reply) => {
      const { categoryId, sort = 'default', page = 1, pageSize = PAGE_SIZE_DEFAULT } = request.query
      // The key is unambiguous without JSON.stringify (slower per request): ids match ID_PATTERN, sort is an enum.
      return answerFromCatalog(request, reply, catalog, `products/${categoryId ?? ''}/${sort}/${page}/${pageSize}`, CATALOG_JSON_CACHE_CONTROL, () => ({
        build: async () => {
          if (categoryId !== undefined && !(await categoryExists(db, categoryId))) return null
          return cachedJson(await listProducts(db, categoryId, { sort, page, pageSize }))
        },
        missing: () => notFound(`Category ${categoryId ?? ''} not found`),
      }))
    },
  )

  app.get(
    '/api/products/:id',
    { schema: { params: Type.Object({ id: Id }), response: { 200: ProductDetailSchema } } },
    (request, reply) => {
      const { id } = request.params
      return answerFromCatalog(request, reply, catalog, `product/${id}`, CATALOG_JSON_CACHE_CONTROL, () => ({
        build: async () => {
          const product = await getProduct(db, id)
          return product ? cachedJson(product) : null
        },
        missing: () => notFound(`Product ${id} not found`),
      }))
    },
  )
}
