import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cachedJson, type CatalogCache } from '../catalog/catalog-cache'
import { searchProducts } from '../catalog/catalog-queries'
import { answerFromCatalog, CATALOG_JSON_CACHE_CONTROL } from '../catalog/http-caching'
import { charCount, PAGE_SIZE_DEFAULT, pagingQueryFields, ProductPageSchema, TEXT_LIMITS } from '../contract'
import type { Database } from '../db/database'
import { badRequest } from '../errors'

const SEARCH_MAX_CHARS = TEXT_LIMITS.searchKeyword

export interface SearchRouteOptions {
  db: Database
  catalog: CatalogCache
}

export const searchRoutes: FastifyPluginAsyncTypebox<SearchRouteOptions> = async (app, { db, catalog }) => {
  app.get(
    '/api/search',
    {
      schema: {
        // q is checked after trimming, which a schema cannot express.
        querystring: Type.Object({ q: Type.Optional(Type.String()), ...pagingQueryFields }),
        response: { 200: ProductPageSchema },
      },
    },
    (request, reply) => {
      const { sort = 'default', page = 1, pageSize = PAGE_SIZE_DEFAULT } = request.query
      const q = (request.query.q ?? '').trim()
      const length = charCount(q)
      if (length < 1 || length > SEARCH_MAX_CHARS) {
        throw badRequest(`q must be 1 to ${SEARCH_MAX_CHARS} characters`)
      }
      // The free text goes last, after fields of fixed form, so no two searches share a key.
      return answerFromCatalog(request, reply, catalog, `search/${sort}/${page}/${pageSize}/${q}`, CATALOG_JSON_CACHE_CONTROL, () => ({
        build: async () => cachedJson(await searchProducts(db, q, { sort, page, pageSize })),
        missing: () => new Error('a search always has an answer'),
      }))
    },
  )
}
