import multipart from '@fastify/multipart'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { AVATAR_MAX_BYTES, AVATAR_TYPES, detectImageType, findAvatar, saveAvatar, type AvatarExt } from '../accounts/avatars'
import { getProfile } from '../accounts/users'
import { UserProfileSchema } from '../contract'
import { ApiError, badRequest, notFound } from '../errors'
import type { RouteContext } from './context'

const AVATAR_FIELD = 'avatar'
const AVATAR_EXTS = Object.keys(AVATAR_TYPES) as AvatarExt[]

// Shown in the app when an upload is refused.
const TOO_LARGE = `图片不能超过 ${AVATAR_MAX_BYTES / 1024} KB，请换一张小一点的图片`
const WRONG_TYPE = '仅支持 PNG、JPEG 或 WebP 图片'

/** Errors that already carry an HTTP status (ours, fastify's, @fastify/multipart's limits). */
const hasStatus = (error: unknown): boolean => error instanceof ApiError || (typeof error === 'object' && error !== null && 'statusCode' in error)

const isFileTooLarge = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE'

/**
 * Avatar upload (from <Button openType="chooseAvatar">, WX-PROFILE-1) and download. The image URL
 * is a random key rotated on every upload and given only to its owner (WX-PROFILE-4); it needs no
 * token because <Image> cannot send one.
 */
export const avatarRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, requireUser, limiter }) => {
  // Registered in this plugin only: no other route accepts multipart bodies.
  await app.register(multipart, { limits: { fileSize: AVATAR_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } })

  app.post(
    '/api/me/avatar',
    {
      preHandler: [requireUser, limiter.limit('AVATAR_UPLOADS_PER_USER', (request) => sessionOf(request).userId)],
      config: { keepSessionToken: true, body: 'multipart' }, schema: { response: { 200: UserProfileSchema } } },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the image as multipart/form-data in the field "${AVATAR_FIELD}"`)
      }
      // busboy throws plain Errors for a missing or over-long boundary: the client's mistake, not ours.
      const file = await request.file().catch((error: unknown) => {
        throw hasStatus(error) ? error : badRequest('Malformed multipart/form-data body (check the boundary)')
      })
      if (!file || file.fieldname !== AVATAR_FIELD) throw badRequest(`${AVATAR_FIELD} is required: send the image in the multipart field "${AVATAR_FIELD}"`)
      const bytes = await file.toBuffer().catch((error: unknown) => {
        if (isFileTooLarge(error)) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', TOO_LARGE)
        throw hasStatus(error) ? error : badRequest('Malformed multipart/form-data body')
      })
      const ext = detectImageType(bytes)
      if (ext === null) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', WRONG_TYPE)
      const { userId } = sessionOf(request)
      // Bytes per day, not only uploads: every replaced image leaves dead rows until VACUUM.
      await limiter.enforce('AVATAR_BYTES_PER_USER', userId, reply, bytes.length)
      await saveAvatar(db, userId, bytes, ext, now())
      const profile = await getProfile(db, userId)
      if (!profile) throw new ApiError(401, 'UNAUTHORIZED', 'Account no longer exists')
      return profile
    },
  )

  app.get(
    '/api/avatars/:key.:ext',
    {
      schema: {
        params: Type.Object({
          key: Type.String({ pattern: '^[0-9a-f]{32}$' }),
          ext: Type.Unsafe<AvatarExt>({ type: 'string', enum: AVATAR_EXTS }),
        }),
      },
    },
    async (request, reply) => {
      const { key, ext } = request.params
      const bytes = await findAvatar(db, key, ext)
      if (bytes === null) throw notFound('Avatar not found')
      // private: shared caches must not keep someone's avatar; a new upload gets a new URL anyway.
      return reply.type(AVATAR_TYPES[ext]).header('cache-control', 'private, max-age=3600').send(bytes)
    },
  )
}
