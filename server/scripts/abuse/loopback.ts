import { isIP } from 'node:net'

/**
 * The attack script only ever targets this machine: an http URL whose host is a loopback address
 * (127.0.0.0/8, ::1) or "localhost". Anything else is refused before a single request.
 */
export function loopbackUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`not a URL: "${raw}" (give e.g. http://127.0.0.1:3030)`)
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))
  if (url.protocol !== 'http:' || !loopback) throw new Error(`refusing ${url.protocol}//${url.host}: only http on loopback (127.0.0.1, ::1, localhost) may be attacked`)
  return `${url.protocol}//${url.host}`
}
