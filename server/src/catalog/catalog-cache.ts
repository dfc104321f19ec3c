import { createHash } from 'node:crypto'
import type { CatalogVersionSource } from './catalog-version'

/** A catalog answer as sent: its bytes, their type and an ETag over them. */
export interface CachedBody {
  bytes: Buffer
  contentType: string
  etag: string
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/** A strong validator over the exact bytes: equal bytes, equal tag, whichever process made them. */
export function etagOf(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`
}

export function cachedJson(value: unknown): CachedBody {
  const bytes = Buffer.from(JSON.stringify(value))
  return { bytes, contentType: JSON_CONTENT_TYPE, etag: etagOf(bytes) }
}

export function cachedBytes(bytes: Buffer, contentType: string): CachedBody {
  return { bytes, contentType, etag: etagOf(bytes) }
}

/**
 * Catalog answers serialised once and reused until the catalog version moves (see
 * catalog-version.ts): any committed change to a price, stock, listing, image or category empties
 * the cache before the next request is answered. `null` (not found) is cached like any answer.
 *
 * Concurrent misses for one key share a single build. The size bound keeps memory flat however many
 * distinct searches arrive; the least recently used answer goes first. Recency is a stamp written on
 * each hit (re-inserting into the Map on every hit cost more than the lookup); the scan for the oldest
 * runs only when a new answer is filed into a full cache, i.e. after a database read anyway.
 */
interface Entry {
  built: Promise<CachedBody | null>
  /** Set once built succeeds: what peek() hands out without waiting. */
  ready?: { body: CachedBody | null }
  lastUsed: number
}

export class CatalogCache {
  private version: string | null = null
  private readonly entries = new Map<string, Entry>()
  private uses = 0

  constructor(
    private readonly versions: CatalogVersionSource,
    private readonly maxEntries = 2000,
  ) {}

  /**
   * The answer for key when it can be had without waiting: the version source knows the current
   * version in-process and the answer is built for that version. undefined: ask get().
   */
  peek(key: string): CachedBody | null | undefined {
    const version = this.versions.known()
    if (version === null || version !== this.version) return undefined
    const entry = this.entries.get(key)
    if (!entry?.ready) return undefined
    entry.lastUsed = ++this.uses
    return entry.ready.body
  }

  /** A key is always built by the same function, so what it holds has that function's type. */
  async get<T extends CachedBody | null>(key: string, build: () => Promise<T>): Promise<T> {
    const version = await this.versions.current()
    if (version !== this.version) {
      this.entries.clear()
      this.version = version
    }
    const hit = this.entries.get(key)
    if (hit) {
      hit.lastUsed = ++this.uses
      return hit.built as Promise<T>
    }
    // The data is read after the version was, so it is at least as new as the version it is filed under.
    const built = build()
    const entry: Entry = { built, lastUsed: ++this.uses }
    this.entries.set(key, entry)
    built.then(
      (body) => {
        entry.ready = { body }
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key) // never cache a failure
      },
    )
    if (this.entries.size > this.maxEntries) this.evictLeastRecentlyUsed()
    return built
  }

  get size(): number {
    return this.entries.size
  }

  private evictLeastRecentlyUsed(): void {
    let oldestKey: string | null = null
    let oldestUse = Infinity
    for (const [key, entry] of this.entries) {
      if (entry.lastUsed < oldestUse) {
        oldestUse = entry.lastUsed
        oldestKey = key
      }
    }
    if (oldestKey !== null) this.entries.delete(oldestKey)
  }
}
