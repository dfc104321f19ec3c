/** The current time; injected so tests can move it (session expiry, sliding renewal). */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** A timestamptz from either driver (Date, or a string) as an ISO 8601 string. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString()
}
