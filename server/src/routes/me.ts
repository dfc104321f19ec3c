import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sessionOf } from '../auth/require-user'
import { deleteAvatar } from '../accounts/avatars'
import { deleteAccount } from '../accounts/delete-account'
import { getMyData } from '../accounts/my-data'
import { normalizeNickname } from '../accounts/nickname'
import { clearNickname, getProfile, setNickname } from '../accounts/users'
import { MyDataSchema, ProfileUpdateSchema, UserProfileSchema, type UserProfile } from '../contract'
import type { Queryable } from '../db/database'
import { ApiError } from '../errors'
import { parseBody } from '../strict-body'
import type { RouteContext } from './context'

/** The profile of a user whose session was just checked; gone only if deleted in between. */
async function profileOf(db: Queryable, userId: string): Promise<UserProfile> {
  const profile = await getProfile(db, userId)
  if (!profile) throw new ApiError(401, 'UNAUTHORIZED', 'Account no longer exists')
  return profile
}

/** The user's own data: view, change, withdraw, delete (WX-DATA-1/2, WX-PROFILE-3). */
export const meRoutes: FastifyPluginAsyncTypebox<RouteContext> = async (app, { db, now, requireUser, subscribeTemplates }) => {
  const authed = { preHandler: requireUser }

  app.get('/api/me', { ...authed, schema: { response: { 200: UserProfileSchema } } }, async (request) =>
    profileOf(db, sessionOf(request).userId),
  )

  // WX-PROFILE-2: the client sends the nickname when the form is submitted.
  app.put('/api/me/profile', { ...authed, config: { body: ProfileUpdateSchema }, schema: { response: { 200: UserProfileSchema } } }, async (request) => {
    const nickname = normalizeNickname(parseBody(ProfileUpdateSchema, request.body).nickname)
    const { userId } = sessionOf(request)
    await setNickname(db, userId, nickname, now())
    return profileOf(db, userId)
  })

  // WX-PROFILE-3: withdrawing clears nickname and avatar on the server; the old avatar URL 404s.
  app.delete('/api/me/profile', { ...authed, config: { body: 'none' }, schema: { response: { 200: UserProfileSchema } } }, async (request) => {
    const { userId } = sessionOf(request)
    await db.transaction(async (tx) => {
      await clearNickname(tx, userId, now())
      await deleteAvatar(tx, userId)
    })
    return profileOf(db, userId)
  })

  app.get('/api/me/data', { ...authed, schema: { response: { 200: MyDataSchema } } }, async (request) => {
    const data = await getMyData(db, sessionOf(request).userId, now(), subscribeTemplates)
    if (!data) throw new ApiError(401, 'UNAUTHORIZED', 'Account no longer exists')
    return data
  })

  // WX-DATA-1: self-service deletion of everything, effective at once (every session ends).
  app.delete('/api/me', { ...authed, config: { body: 'none' } }, async (request, reply) => {
    await deleteAccount(db, sessionOf(request).userId, now)
    return reply.code(204).send()
  })
}
