/**
 * URL building for the API client. No imports: the H5 build config also uses it (through
 * src/pages/index/first-page.ts) to write the home page's first product request into index.html.
 */
export type QueryValue = string | number | undefined

/** `baseUrl` + `path` + the query's defined, non-empty values, encoded, in the order given. */
export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  const base = baseUrl.replace(/\/+$/, '')
  return pairs.length > 0 ? `${base}${path}?${pairs.join('&')}` : `${base}${path}`
}
