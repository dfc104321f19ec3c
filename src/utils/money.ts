/** Formats integer fen as yuan with two decimals ("1290" → "12.90") using integer math only. */
export function formatFen(fen: number): string {
  const whole = Math.round(fen)
  const sign = whole < 0 ? '-' : ''
  const abs = Math.abs(whole)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
