import { encodeIndexedPng, type Rgb } from './png'

/**
 * Deterministic placeholder artwork: a soft background per category and a simple shape per
 * product, so lists look varied without shipping any real photos.
 */

export const PRODUCT_IMAGE_SIZE = 240
export const CATEGORY_IMAGE_SIZE = 160

/** FNV-1a: a stable 32-bit hash, so the same id always yields the same picture. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5
  for (const char of Buffer.from(id, 'utf8')) {
    hash ^= char
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const s = saturation / 100
  const l = lightness / 100
  const k = (n: number): number => (n + hue / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number): number => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))))
  return [f(0), f(8), f(4)]
}

/** Is (dx, dy), relative to the shape centre, inside a shape of radius r? */
type Shape = (dx: number, dy: number, r: number) => boolean

const circle: Shape = (dx, dy, r) => dx * dx + dy * dy <= r * r

const SHAPES: readonly Shape[] = [
  circle,
  (dx, dy, r) => Math.abs(dx) <= r * 0.8 && Math.abs(dy) <= r * 0.8, // square
  (dx, dy, r) => Math.abs(dx) + Math.abs(dy) <= r, // diamond
  (dx, dy, r) => dy <= r * 0.7 && dy >= -r && Math.abs(dx) <= (dy + r) * 0.6, // triangle
  (dx, dy, r) => {
    const d = dx * dx + dy * dy
    return d <= r * r && d >= r * r * 0.36
  }, // ring
  (dx, dy, r) => (Math.abs(dx) <= r / 3 && Math.abs(dy) <= r) || (Math.abs(dy) <= r / 3 && Math.abs(dx) <= r), // cross
]

// Palette slots shared by every picture.
const BACKGROUND = 0
const PATTERN = 1
const SHAPE = 2
const HIGHLIGHT = 3

class Canvas {
  readonly pixels: Uint8Array
  constructor(readonly size: number) {
    this.pixels = new Uint8Array(size * size).fill(BACKGROUND)
  }
  fill(colour: number, inside: (x: number, y: number) => boolean, box = { x0: 0, y0: 0, x1: this.size, y1: this.size }): void {
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        if (inside(x, y)) this.pixels[y * this.size + x] = colour
      }
    }
  }
  shape(colour: number, shape: Shape, cx: number, cy: number, r: number): void {
    // Every shape fits in a square of half-width 1.1 r around its centre; skip the rest.
    const reach = r * 1.1
    const clamp = (value: number): number => Math.max(0, Math.min(this.size, value))
    const box = {
      x0: clamp(Math.floor(cx - reach)),
      y0: clamp(Math.floor(cy - reach)),
      x1: clamp(Math.ceil(cx + reach)),
      y1: clamp(Math.ceil(cy + reach)),
    }
    this.fill(colour, (x, y) => shape(x + 0.5 - cx, y + 0.5 - cy, r), box)
  }
}

function categoryPalette(categoryId: string): { background: Rgb; pattern: Rgb } {
  const hue = hashId(categoryId) % 360
  return { background: hsl(hue, 55, 93), pattern: hsl(hue, 45, 86) }
}

/** Image `index` of a product: 0 is the cover; 1 and 2 show the same motif arranged differently. */
export function renderProductImage(productId: string, categoryId: string, index: number): Buffer {
  const hash = hashId(productId)
  const shape = SHAPES[hash % SHAPES.length] ?? circle
  const hue = (hash >>> 8) % 360
  const { background, pattern } = categoryPalette(categoryId)
  const palette: Rgb[] = [background, pattern, hsl(hue, 60, 58), hsl(hue, 70, 80)]
  const size = PRODUCT_IMAGE_SIZE
  const canvas = new Canvas(size)
  const half = size / 2

  switch (index % 3) {
    case 0: // cover: one large motif with a small highlight
      canvas.shape(PATTERN, circle, half, half, size * 0.42)
      canvas.shape(SHAPE, shape, half, half, size * 0.3)
      canvas.shape(HIGHLIGHT, circle, half - size * 0.08, half - size * 0.08, size * 0.05)
      break
    case 1: // a 3 x 3 grid of small motifs
      for (let row = 0; row < 3; row++) {
        for (let col = 0; col < 3; col++) {
          const colour = (row + col) % 2 === 0 ? SHAPE : HIGHLIGHT
          canvas.shape(colour, shape, (col + 0.5) * (size / 3), (row + 0.5) * (size / 3), size * 0.11)
        }
      }
      break
    default: // diagonal stripes with an off-centre motif
      canvas.fill(PATTERN, (x, y) => Math.floor((x + y) / 24) % 2 === 0)
      canvas.shape(SHAPE, shape, size * 0.62, size * 0.4, size * 0.24)
      break
  }
  return encodeIndexedPng(size, size, palette, canvas.pixels)
}

/** A category tile: its background colour with concentric bands and a centre dot. */
export function renderCategoryImage(categoryId: string): Buffer {
  const { background, pattern } = categoryPalette(categoryId)
  const hue = hashId(categoryId) % 360
  const size = CATEGORY_IMAGE_SIZE
  const canvas = new Canvas(size)
  const half = size / 2
  canvas.fill(PATTERN, (x, y) => Math.floor(Math.hypot(x + 0.5 - half, y + 0.5 - half) / 14) % 2 === 1)
  canvas.shape(SHAPE, circle, half, half, size * 0.18)
  return encodeIndexedPng(size, size, [background, pattern, hsl(hue, 55, 55)], canvas.pixels)
}
