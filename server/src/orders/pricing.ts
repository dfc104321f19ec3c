/** 3990 → "¥39.90", for messages shown in the app. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`
