/**
 * The server project's Jest environment: Node's, plus a shelf that outlives a test file. Jest gives
 * every test file a fresh module registry, but loads this module once per worker process, so the
 * PGlite instances a file puts back here are reset and reused by the worker's next files (see
 * pglite-pool.ts): resetting one costs a fraction of starting another.
 */
import type { PGlite } from '@electric-sql/pglite'
import NodeEnvironment from 'jest-environment-node'
import type {} from './pglite-pool' // declares the global idlePglites

const idlePglites: PGlite[] = []

export default class ServerTestEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args)
    this.global.idlePglites = idlePglites
  }
}
