/** Messages between the bench orchestrator (server/scripts/bench.ts) and its child servers, over Node IPC. */

export interface CapturedAnswer {
  path: string
  /** The app's response headers, minus those the HTTP layer writes per response (date, length, connection). */
  headers: Record<string, string>
  /** base64: IPC carries JSON. */
  body: string
}

export type ToChild =
  | { type: 'serve'; answers: CapturedAnswer[] } // ceiling only: one more site, answered with 'serving'
  | { type: 'set-stock'; stock: Record<string, number> } // app only
  | { type: 'check-orders'; skuIds: string[] } // app only
  | { type: 'database-pids' } // app only: PostgreSQL backends serving it (none for PGlite, which runs in-process)
  | { type: 'close' }

export interface OrderCheck {
  /** SKUs whose stock went below zero (the schema forbids it; checked anyway). */
  negativeStock: string[]
  stock: Record<string, number>
  /** Units ordered per SKU, from order lines. */
  ordered: Record<string, number>
  orders: number
  /** (user, idempotency key) pairs holding more than one order. */
  duplicateKeys: number
}

export type FromChild =
  | { type: 'listening'; port: number }
  | { type: 'ok' }
  | { type: 'serving'; port: number }
  | { type: 'pids'; pids: number[] }
  | { type: 'orders-checked'; check: OrderCheck }
  | { type: 'failed'; message: string }
