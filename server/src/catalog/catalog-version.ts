import type { Database, Queryable } from '../db/database'

/** The catalog version current for a request that arrives now. */
export interface CatalogVersionSource {
  current(): Promise<string>
  /**
   * The current version when this process knows it without asking the database (in-process
   * notifications), so a cached answer can be sent without waiting; null when it must ask.
   */
  known(): string | null
  close(): Promise<void>
}

/** The catalog's change counter (migration 013); a string because PostgreSQL's bigint exceeds JS numbers. */
export async function readCatalogVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>('select version::text as version from catalog_version')
  if (!row) throw new Error('catalog_version has no row: migration 013 did not run')
  return row.version
}

/**
 * Hands out the catalog version as read by a query that STARTED AFTER the caller asked, so an
 * answer built or served for that version reflects every change committed before the request
 * arrived, in this process or any other on the same database.
 *
 * Concurrent callers share reads: while one read is running, every new caller waits for the single
 * read queued behind it. Under load that is one small query per database round trip, not per request.
 */
export class CatalogVersionGate implements CatalogVersionSource {
  private running: Promise<string> | null = null
  private queued: Promise<string> | null = null

  constructor(private readonly read: () => Promise<string>) {}

  current(): Promise<string> {
    if (!this.running) return this.start()
    // The running read may have started before this call: wait for the next one.
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    )
    return this.queued
  }

  private startQueued(): Promise<string> {
    this.queued = null
    return this.start()
  }

  known(): null {
    // Another process may have changed the catalog: only a read that starts now can tell.
    return null
  }

  async close(): Promise<void> {
    // Nothing held: reads are ordinary queries.
  }

  private start(): Promise<string> {
    const run = this.read().finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }
}

/**
 * For an embedded PGlite: every change goes through this process, and migration 013's triggers
 * NOTIFY catalog_version, which PGlite delivers before the changing transaction returns. So the
 * version is a local counter moved by notifications, and a request costs no query at all.
 */
export class NotifiedCatalogVersion implements CatalogVersionSource {
  private generation = 0
  /** known()'s answer, made once per change rather than once per request. */
  private version = '0'

  private constructor(private unlisten: () => Promise<void>) {}

  static async start(db: Database & Required<Pick<Database, 'listen'>>): Promise<NotifiedCatalogVersion> {
    const source = new NotifiedCatalogVersion(async () => undefined)
    source.unlisten = await db.listen('catalog_version', () => {
      source.generation += 1
      source.version = String(source.generation)
    })
    return source
  }

  current(): Promise<string> {
    return Promise.resolve(this.known())
  }

  known(): string {
    return this.version
  }

  close(): Promise<void> {
    // A test (or a failing start-up) may have closed the database first; nothing is left to unlisten.
    return this.unlisten().catch(() => undefined)
  }
}

/** Notifications where the database delivers them in-process (PGlite), a shared query otherwise (PostgreSQL). */
export function catalogVersionSource(db: Database): Promise<CatalogVersionSource> | CatalogVersionSource {
  const { listen } = db
  if (listen) return NotifiedCatalogVersion.start({ ...db, listen })
  return new CatalogVersionGate(() => readCatalogVersion(db))
}
