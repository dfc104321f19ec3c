import type { Queryable } from '../db/database'

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
export class CatalogVersionGate {
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

  private start(): Promise<string> {
    const run = this.read().finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }
}
