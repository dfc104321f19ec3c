/**
 * A small LRU of generated PNGs. Rendering is deterministic, so a cached buffer never goes
 * stale; the bound only keeps memory flat if the catalog grows large.
 */
export class ImageCache {
  private readonly entries = new Map<string, Buffer>()

  constructor(private readonly maxEntries = 500) {}

  get(key: string, render: () => Buffer): Buffer {
    const hit = this.entries.get(key)
    if (hit) {
      // Re-insert to mark as recently used (Map keeps insertion order).
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const image = render()
    this.entries.set(key, image)
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return image
  }

  get size(): number {
    return this.entries.size
  }
}
