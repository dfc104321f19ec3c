import type { Fulfilment } from '../contract'

/** Delivery is free from ¥59 of goods; below that it costs ¥6. Pickup is always free. */
export const FREE_DELIVERY_FROM_FEN = 5900
export const DELIVERY_FEE_FEN = 600

export function deliveryFee(itemsFen: number, fulfilment: Fulfilment): number {
  return fulfilment === 'pickup' || itemsFen >= FREE_DELIVERY_FROM_FEN ? 0 : DELIVERY_FEE_FEN
}

/** 3990 → "¥39.90", for messages shown in the app. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`
