/**
 * Draws the four tab bar icons (normal + selected) as 81x81 PNGs into src/assets/tabbar/.
 * Run: npx tsx tools/icons/tabbar-icons.ts. Shapes are simple strokes, anti-aliased by 4x4
 * supersampling; the PNG encoder uses node's zlib only, so no image library is needed.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const SIZE = 81
const STROKE = 5.5
const COLORS = { normal: [0x5c, 0x63, 0x70], active: [0xff, 0x5a, 0x1f] } as const

type Shape = (x: number, y: number) => boolean

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Anti-aliasing levels: a 4x4 supersample covers 0..16 subpixels. */
const SAMPLES = 4
const LEVELS = SAMPLES * SAMPLES + 1

/**
 * An indexed-colour PNG: one colour at LEVELS opacities (PLTE + tRNS), one byte per pixel. The tab
 * bar icons ship in the main package; indexed, they take about a third of the RGBA encoding's bytes.
 */
function encodePng(coverage: Uint8Array, [r, g, b]: readonly [number, number, number], width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 3 // indexed colour
  const palette = Buffer.alloc(LEVELS * 3)
  const alpha = Buffer.alloc(LEVELS)
  for (let level = 0; level < LEVELS; level += 1) {
    palette.set([r, g, b], level * 3)
    alpha[level] = Math.round((level / (LEVELS - 1)) * 255)
  }
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y += 1) {
    rows[y * (width + 1)] = 0 // no filter
    Buffer.from(coverage.subarray(y * width, (y + 1) * width)).copy(rows, y * (width + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', alpha),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Geometry helpers: distance from a point to a segment, and stroked outlines.
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

const polyline =
  (points: Array<[number, number]>, width = STROKE): Shape =>
  (x, y) =>
    points.slice(1).some(([bx, by], i) => {
      const [ax, ay] = points[i] ?? [bx, by]
      return segmentDistance(x, y, ax, ay, bx, by) <= width / 2
    })

const ring =
  (cx: number, cy: number, r: number, width = STROKE): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r

/** Outline of a rounded square, from the signed distance to a rounded box. */
function roundedSquare(x0: number, y0: number, size: number, radius: number): Shape {
  const half = size / 2
  const cx = x0 + half
  const cy = y0 + half
  return (x, y) => {
    const qx = Math.abs(x - cx) - (half - radius)
    const qy = Math.abs(y - cy) - (half - radius)
    const distance = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius
    return Math.abs(distance) <= STROKE / 2
  }
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y))

const ICONS: Record<string, Shape> = {
  home: union(
    polyline([[12, 40], [40.5, 15], [69, 40]]),
    polyline([[20, 34], [20, 66], [61, 66], [61, 34]]),
    polyline([[34, 66], [34, 50], [47, 50], [47, 66]]),
  ),
  category: union(roundedSquare(13, 13, 22, 6), roundedSquare(46, 13, 22, 6), roundedSquare(13, 46, 22, 6), ring(57, 57, 11)),
  cart: union(
    polyline([[8, 16], [18, 16], [26, 52], [62, 52], [70, 26], [21, 26]]),
    disc(30, 64, 5),
    disc(58, 64, 5),
  ),
  mine: union(ring(40.5, 28, 13), (x, y) => y <= 70 && y >= 46 && ring(40.5, 72, 24)(x, y)),
}

/** Covered subpixels (0..LEVELS-1) per pixel: the palette index of encodePng. */
function render(shape: Shape): Uint8Array {
  const coverage = new Uint8Array(SIZE * SIZE)
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits += 1
        }
      }
      coverage[y * SIZE + x] = hits
    }
  }
  return coverage
}

const outDir = path.resolve(__dirname, '..', '..', 'src', 'assets', 'tabbar')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  const coverage = render(shape)
  fs.writeFileSync(path.join(outDir, `${name}.png`), encodePng(coverage, COLORS.normal, SIZE, SIZE))
  fs.writeFileSync(path.join(outDir, `${name}-active.png`), encodePng(coverage, COLORS.active, SIZE, SIZE))
}
process.stdout.write(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(process.cwd(), outDir)}\n`)
