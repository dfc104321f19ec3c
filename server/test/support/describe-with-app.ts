import type { FastifyInstance } from 'fastify'
import type { AppOptions } from '../../src/app'
import type { Database } from '../../src/db/database'
import { openCatalogApp, type CatalogApp } from './catalog-app'
import { databaseTargets, TEST_DATABASE_URL, type DatabaseTarget } from './test-databases'

/**
 * The app's options: fixed, or made once the database is open (e.g. after starting a stub, or to
 * give the app a wrapper of the database). The function form returns the `db` the app gets. Rate
 * limits are off unless given (see openCatalogApp).
 */
export type AppSetup = Omit<AppOptions, 'db'> | ((db: Database) => AppOptions | Promise<AppOptions>)

/** An app over a fresh seeded database; read `app` and `db` inside tests and hooks. */
export interface AppContext {
  readonly app: FastifyInstance
  /** The database behind the app, for checking rows directly. */
  readonly db: Database
  readonly target: DatabaseTarget
  /**
   * Sets the app's options from inside the block, for options made of the block's own objects
   * (a clock, a stub); call it before the tests run.
   */
  configure(setup: AppSetup): void
}

class LazyAppContext implements AppContext {
  private opened: CatalogApp | null = null
  constructor(
    readonly target: DatabaseTarget,
    private setup: AppSetup,
  ) {}

  configure(setup: AppSetup): void {
    if (this.opened) throw new Error('configure the app before its block starts')
    this.setup = setup
  }
  async open(): Promise<void> {
    this.opened = await openCatalogApp(this.target, this.setup)
  }
  async close(): Promise<void> {
    await this.opened?.close()
    this.opened = null
  }
  private get current(): CatalogApp {
    if (!this.opened) throw new Error(`the app on ${this.target.name} is open only inside tests and hooks`)
    return this.opened
  }
  get app(): FastifyInstance {
    return this.current.app
  }
  get db(): Database {
    return this.current.db
  }
}

/** Opens an app on `target` before the enclosing block's tests (beforeAll) and closes it after them. */
export function appFor(target: DatabaseTarget, setup: AppSetup = {}): AppContext {
  const ctx = new LazyAppContext(target, setup)
  beforeAll(() => ctx.open())
  afterAll(() => ctx.close())
  return ctx
}

/** The database every server test file can use (tests of input handling need no second one). */
export function pgliteTarget(): DatabaseTarget {
  const [pglite] = databaseTargets()
  if (pglite?.name !== 'pglite') throw new Error('PGlite target missing')
  return pglite
}

/**
 * A describe block run once per database — PGlite always, PostgreSQL too when TEST_DATABASE_URL is
 * set — titled "<title> on <database>", each with its own app over a fresh migrated, seeded
 * database (as main.ts leaves it on first start). Without TEST_DATABASE_URL the PostgreSQL block
 * shows as a skipped test instead of silently missing.
 */
export function describeWithApp(title: string, body: (ctx: AppContext) => void): void
export function describeWithApp(title: string, setup: AppSetup, body: (ctx: AppContext) => void): void
export function describeWithApp(title: string, ...args: [(ctx: AppContext) => void] | [AppSetup, (ctx: AppContext) => void]): void {
  const [setup, body] = args.length === 1 ? [{}, args[0]] : args
  for (const target of databaseTargets()) {
    describe(`${title} on ${target.name}`, () => body(appFor(target, setup)))
  }
  if (!TEST_DATABASE_URL) {
    describe(`${title} on postgres`, () => {
      test.skip('skipped: set TEST_DATABASE_URL (see server/scripts/ci-postgres.sh)', () => undefined)
    })
  }
}
