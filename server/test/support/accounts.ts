import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { LoginResponseSchema, type LoginResponse } from '../../src/contract'
import { bodyOf } from './http'

/** A clock tests can move; starts at a fixed instant so timestamps are predictable. */
export class TestClock {
  private at: number
  constructor(start = '2026-11-21T10:00:00.000Z') {
    this.at = Date.parse(start)
  }
  readonly now = (): Date => new Date(this.at)
  advance(ms: number): void {
    this.at += ms
  }
}

export const HOUR_MS = 60 * 60 * 1000

/** A fresh sandbox login code, shaped like the H5 build's. */
export const newLoginCode = (): string => `h5sandbox_${randomBytes(8).toString('hex')}`

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A JSON request, with the session token when given. */
export function call(
  app: FastifyInstance,
  method: Method,
  url: string,
  options: { token?: string; json?: unknown } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: options.token ? bearer(options.token) : {},
    ...(options.json === undefined ? {} : { payload: options.json as object }),
  })
}

export async function login(app: FastifyInstance, code: string = newLoginCode()): Promise<LoginResponse> {
  const response = await call(app, 'POST', '/api/auth/login', { json: { code } })
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 200 })
  return bodyOf(response, LoginResponseSchema)
}

/** A multipart/form-data body with one file part (and optional text fields). */
export function multipart(
  file: { field: string; filename: string; contentType: string; bytes: Buffer } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----test${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** Minimal files with the right magic bytes (the server checks those, not the name). */
export const IMAGES = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(64)]),
  gif: Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]),
}
