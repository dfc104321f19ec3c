import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app'
import type { Database } from '../../src/db/database'
import { DEFAULT_LIMITS, type LimitSettings } from '../../src/limits/rate-limits'
import { parseEncodingAesKey } from '../../src/wechat/push-crypto'
import type { PushSecrets } from './attacks'

/** A random EncodingAESKey: 43 letters and digits, as the admin console generates one. */
function randomEncodingAesKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(43)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

export interface ThrowawayServer {
  app: FastifyInstance
  url: string
  push: PushSecrets
}

/**
 * The storefront on `db` (migrated and seeded by the caller) as production would run it, except
 * for the WeChat sandbox: default limits and order policy, message push in safe mode with fresh
 * secrets, loopback and port 0.
 */
export async function startThrowawayServer(db: Database, rateLimits: LimitSettings = DEFAULT_LIMITS): Promise<ThrowawayServer> {
  const push: PushSecrets = {
    token: randomBytes(12).toString('hex'),
    safeMode: { key: parseEncodingAesKey(randomEncodingAesKey()), appId: 'wx00000000abcdef01', acceptPlain: false },
  }
  const app = await buildApp({ db, rateLimits, pushToken: push.token, pushSafeMode: push.safeMode })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the throwaway server has no port')
  return { app, url: `http://127.0.0.1:${address.port}`, push }
}
