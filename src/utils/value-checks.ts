/**
 * Checks for values read back from device storage (the cart, the chosen outlet). Server responses
 * are checked by the guards generated from the contract (src/services/api/generated/).
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const isString = (value: unknown): value is string => typeof value === 'string'

/** A whole number, never negative: prices, counts and stock. */
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
