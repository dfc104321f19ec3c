export type DatabaseKind = 'pglite' | 'postgres'

/** What a query sees, inside or outside a transaction. */
export interface Queryable {
  /** One statement with $1-style parameters; returns the rows. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

/**
 * The small surface the app needs from PostgreSQL, so PGlite (dev, tests) and a real server
 * (DATABASE_URL) are interchangeable.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind
  /** Runs fn in BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * PGlite only: LISTEN on a channel. The embedded database runs in this process, so a NOTIFY
   * reaches the callback before the transaction that sent it returns. Resolves to an unlisten.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
