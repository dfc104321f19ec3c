import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cachedBytes, type CatalogCache } from '../catalog/catalog-cache'
import { categoryExists, findProductImage } from '../catalog/catalog-queries'
import { answerFromCatalog, IMAGE_CACHE_CONTROL } from '../catalog/http-caching'
import { Id } from '../contract'
import type { Database } from '../db/database'
import { notFound } from '../errors'
import { renderCategoryImage, renderProductImage } from '../images/artwork'
import { ImageCache } from '../images/image-cache'

export interface ImageRouteOptions {
  db: Database
  catalog: CatalogCache
  cache?: ImageCache
}

/**
 * Generated placeholder images. They are served by the backend only, never bundled into the
 * mini program package (which has a size limit).
 */
export const imageRoutes: FastifyPluginAsyncTypebox<ImageRouteOptions> = async (app, { db, catalog, cache }) => {
  const images = cache ?? new ImageCache()

  app.get(
    '/api/images/products/:productId/:index.png',
    { schema: { params: Type.Object({ productId: Id, index: Type.Integer({ minimum: 0, maximum: 9 }) }) } },
    (request, reply) => {
      const { productId, index } = request.params
      const key = `product/${productId}/${index}`
      // The database says whether the image exists (cached per catalog version); rendering is cached for good.
      return answerFromCatalog(request, reply, catalog, `image/${key}`, IMAGE_CACHE_CONTROL, () => ({
        build: async () => {
          const categoryId = await findProductImage(db, productId, index)
          if (categoryId === null) return null
          return cachedBytes(images.get(key, () => renderProductImage(productId, categoryId, index)), 'image/png')
        },
        missing: () => notFound(`Image ${index} of product ${productId} not found`),
      }))
    },
  )

  app.get(
    '/api/images/categories/:categoryId.png',
    { schema: { params: Type.Object({ categoryId: Id }) } },
    (request, reply) => {
      const { categoryId } = request.params
      const key = `category/${categoryId}`
      return answerFromCatalog(request, reply, catalog, `image/${key}`, IMAGE_CACHE_CONTROL, () => ({
        build: async () => {
          if (!(await categoryExists(db, categoryId))) return null
          return cachedBytes(images.get(key, () => renderCategoryImage(categoryId)), 'image/png')
        },
        missing: () => notFound(`Category ${categoryId} not found`),
      }))
    },
  )
}
