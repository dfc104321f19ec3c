import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { categoryExists, findProductImage } from '../catalog/catalog-queries'
import { Id } from '../contract'
import type { Database } from '../db/database'
import { notFound } from '../errors'
import { renderCategoryImage, renderProductImage } from '../images/artwork'
import { ImageCache } from '../images/image-cache'

export interface ImageRouteOptions {
  db: Database
  cache?: ImageCache
}

function sendPng(reply: FastifyReply, png: Buffer): FastifyReply {
  return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(png)
}

/**
 * Generated placeholder images. They are served by the backend only, never bundled into the
 * mini program package (which has a size limit).
 */
export const imageRoutes: FastifyPluginAsyncTypebox<ImageRouteOptions> = async (app, { db, cache }) => {
  const images = cache ?? new ImageCache()

  app.get(
    '/api/images/products/:productId/:index.png',
    { schema: { params: Type.Object({ productId: Id, index: Type.Integer({ minimum: 0, maximum: 9 }) }) } },
    async (request, reply) => {
      const { productId, index } = request.params
      const key = `product/${productId}/${index}`
      // The database says whether the image exists; rendering is cached, the lookup is not.
      const categoryId = await findProductImage(db, productId, index)
      if (categoryId === null) throw notFound(`Image ${index} of product ${productId} not found`)
      return sendPng(reply, images.get(key, () => renderProductImage(productId, categoryId, index)))
    },
  )

  app.get(
    '/api/images/categories/:categoryId.png',
    { schema: { params: Type.Object({ categoryId: Id }) } },
    async (request, reply) => {
      const { categoryId } = request.params
      if (!(await categoryExists(db, categoryId))) throw notFound(`Category ${categoryId} not found`)
      return sendPng(reply, images.get(`category/${categoryId}`, () => renderCategoryImage(categoryId)))
    },
  )
}
