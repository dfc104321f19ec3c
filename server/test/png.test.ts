import { inflateSync } from 'node:zlib'
import { hashId, PRODUCT_IMAGE_SIZE, renderCategoryImage, renderProductImage } from '../src/images/artwork'
import { ImageCache } from '../src/images/image-cache'
import { crc32, encodeIndexedPng, PNG_SIGNATURE } from '../src/images/png'
import { SEED_CATEGORIES, SEED_PRODUCTS, seedImageCount } from '../src/seed/catalog-data'

interface Chunk {
  type: string
  data: Buffer
}

/** A minimal PNG reader for the tests: splits chunks and verifies every CRC. */
function readChunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  const chunks: Chunk[] = []
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.subarray(offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(type, data))
    chunks.push({ type: type.toString('ascii'), data })
    offset += 12 + length
  }
  return chunks
}

test('crc32 matches the standard check values', () => {
  expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926)
  expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082)
  expect(crc32(Buffer.from('IE'), Buffer.from('ND'))).toBe(0xae426082)
})

test('encodeIndexedPng writes IHDR, PLTE, IDAT and IEND that decode back to the pixels', () => {
  const pixels = Uint8Array.from([0, 1, 1, 0, 2, 2])
  const png = encodeIndexedPng(3, 2, [[255, 255, 255], [255, 0, 0], [0, 0, 255]], pixels)
  const chunks = readChunks(png)
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND'])
  const header = chunks[0]?.data
  expect(header?.readUInt32BE(0)).toBe(3)
  expect(header?.readUInt32BE(4)).toBe(2)
  expect([...(header?.subarray(8) ?? [])]).toEqual([8, 3, 0, 0, 0])
  expect([...(chunks[1]?.data ?? [])]).toEqual([255, 255, 255, 255, 0, 0, 0, 0, 255])
  const raw = inflateSync(chunks[2]?.data ?? Buffer.alloc(0))
  expect([...raw]).toEqual([0, 0, 1, 1, 0, 0, 2, 2])
  expect(chunks[3]?.data.length).toBe(0)
})

test('encodeIndexedPng rejects mismatched input', () => {
  expect(() => encodeIndexedPng(2, 2, [[0, 0, 0]], new Uint8Array(3))).toThrow(RangeError)
  expect(() => encodeIndexedPng(1, 1, [], new Uint8Array(1))).toThrow(RangeError)
})

test('product images are 240×240, valid, deterministic and under 8 KB', () => {
  for (const [index, product] of SEED_PRODUCTS.entries()) {
    for (let image = 0; image < seedImageCount(index); image++) {
      const png = renderProductImage(product.id, product.categoryId, image)
      const chunks = readChunks(png)
      const header = chunks[0]?.data
      expect(header?.readUInt32BE(0)).toBe(PRODUCT_IMAGE_SIZE)
      expect(header?.readUInt32BE(4)).toBe(PRODUCT_IMAGE_SIZE)
      const raw = inflateSync(chunks.find((chunk) => chunk.type === 'IDAT')?.data ?? Buffer.alloc(0))
      expect(raw.length).toBe((PRODUCT_IMAGE_SIZE + 1) * PRODUCT_IMAGE_SIZE)
      expect(png.length).toBeLessThan(8 * 1024)
      expect(renderProductImage(product.id, product.categoryId, image).equals(png)).toBe(true)
    }
  }
})

test('each product gets its own cover and each category its own tile', () => {
  const covers = new Set(SEED_PRODUCTS.map((product) => renderProductImage(product.id, product.categoryId, 0).toString('base64')))
  expect(covers.size).toBe(SEED_PRODUCTS.length)
  const tiles = new Set(SEED_CATEGORIES.map((category) => renderCategoryImage(category.id).toString('base64')))
  expect(tiles.size).toBe(SEED_CATEGORIES.length)
  const gallery = new Set([0, 1, 2].map((index) => renderProductImage('p001', 'fruit', index).toString('base64')))
  expect(gallery.size).toBe(3)
})

test('hashId is stable', () => {
  expect(hashId('p001')).toBe(hashId('p001'))
  expect(hashId('p001')).not.toBe(hashId('p002'))
})

test('ImageCache renders once per key and evicts the least recently used', () => {
  const cache = new ImageCache(2)
  let renders = 0
  const render = () => {
    renders++
    return Buffer.from([renders])
  }
  cache.get('a', render)
  cache.get('b', render)
  cache.get('a', render) // hit; "a" is now most recent
  cache.get('c', render) // evicts "b"
  expect(renders).toBe(3)
  expect(cache.size).toBe(2)
  cache.get('a', render)
  expect(renders).toBe(3)
  cache.get('b', render)
  expect(renders).toBe(4)
})
