/**
 * PGlite data directories as archives: `dumpDataDir` writes a tar (gzip optional), `loadDataDir`
 * reads one into a new directory. Used by the backup CLI and by the tests' database templates.
 */

/** gzip's magic number: PGlite decompresses a loadDataDir only when told it is gzip. */
const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b

/**
 * The archive as the Blob PGlite's loadDataDir expects. PGlite reads it with `arrayBuffer()` only;
 * Node's Blob implements that through its stream reader, which for a 40 MB dump costs more CPU than
 * untarring it, so the bytes are handed over directly.
 */
export function archiveBlob(bytes: Buffer): Blob {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const blobLike: Pick<Blob, 'type' | 'size' | 'arrayBuffer'> = {
    type: isGzip(bytes) ? 'application/x-gzip' : 'application/x-tar',
    size: bytes.byteLength,
    arrayBuffer: () => Promise.resolve(buffer as ArrayBuffer),
  }
  return blobLike as Blob
}
