import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { categoryExists, getProduct, listCategories, listProducts } from '../catalog/catalog-queries'
import {
  CategorySchema,
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
}

/** Browsing needs no login: these routes never look at who is asking. */
export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRouteOptions> = async (app, { db }) => {
  app.get(
    '/api/categories',
    { schema: { response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) } } },
    async () => ({ items: await listCategories(db) }),
  )

  app.get(
    '/api/products',
    {
      schema: {
        querystring: Type.Object({ categoryId: Type.Optional(Id), ...pagingQueryFields }),
        response: { 200: ProductPageSchema },
      },
    },
    async (request) => {
      const { categoryId, sort = 'default', page = 1, pageSize = PAGE_SIZE_DEFAULT } = request.query
      if (categoryId !== undefined && !(await categoryExists(db, categoryId))) {
        throw notFound(`Category ${categoryId} not found`)
      }
      return listProducts(db, categoryId, { sort, page, pageSize })
    },
  )

  app.get(
    '/api/products/:id',
    { schema: { params: Type.Object({ id: Id }), response: { 200: ProductDetailSchema } } },
    async (request) => {
      const product = await getProduct(db, request.params.id)
      if (!product) throw notFound(`Product ${request.params.id} not found`)
      return product
    },
  )
}
