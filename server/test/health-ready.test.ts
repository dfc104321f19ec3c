/**
 * Liveness and readiness (issue 11 item 7): /api/health answers without touching the database;
 * /api/ready needs the database, every migration of this build, and a process that is not shutting
 * down. Once the listener closes, every request still arriving gets the same 503.
 */
import { ReadyStatusSchema } from '../src/contract'
import { Lifecycle } from '../src/lifecycle'
import { openCatalogApp, type CatalogApp } from './support/catalog-app'
import { bodyOf, expectError, get } from './support/http'
import { databaseTargets, notePostgresLegSkipped } from './support/test-databases'

notePostgresLegSkipped()

describe.each(databaseTargets())('health and readiness on $name', (target) => {
  let lifecycle: Lifecycle
  let ctx: CatalogApp
  beforeEach(async () => {
    lifecycle = new Lifecycle()
    ctx = await openCatalogApp(target, { lifecycle })
  })
  afterEach(async () => {
    await ctx.close()
  })

  test('ready: the database answers and every migration is applied', async () => {
    const response = await get(ctx.app, '/api/ready')
    expect(response.statusCode).toBe(200)
    expect(bodyOf(response, ReadyStatusSchema)).toMatchObject({ status: 'ready', database: target.name })
  })

  test('a migration missing from schema_migrations: not ready, and the answer names no internals', async () => {
    const [last] = await ctx.db.query<{ name: string }>('select name from schema_migrations order by name desc limit 1')
    await ctx.db.query('delete from schema_migrations where name = $1', [last?.name])
    const response = await get(ctx.app, '/api/ready')
    expect(expectError(response, 503, 'INTERNAL').error.message).toBe('Database migrations are not applied')
    expect(response.body).not.toContain(last?.name ?? '?')
    expect((await get(ctx.app, '/api/health')).statusCode).toBe(200)
  })

  test('shutting down: readiness is 503 with Retry-After while the API still serves; once closing, every request is 503', async () => {
    lifecycle.stop()
    const notReady = await get(ctx.app, '/api/ready')
    expect(expectError(notReady, 503, 'SERVICE_BUSY').error.message).toBe('服务正在重启，请稍后重试')
    expect(notReady.headers['retry-after']).toBe('5')
    expect((await get(ctx.app, '/api/health')).statusCode).toBe(200)
    expect((await get(ctx.app, '/api/categories')).statusCode).toBe(200)

    lifecycle.close()
    for (const url of ['/api/health', '/api/categories', '/api/ready']) {
      const response = await get(ctx.app, url)
      expectError(response, 503, 'SERVICE_BUSY')
      expect(response.headers.connection).toBe('close')
    }
  })
})
