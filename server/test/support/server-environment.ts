/**
 * The server project's Jest environment: Node's, plus a shelf that outlives a test file. Jest gives
 * every test file a fresh module registry, but a worker process runs many files, so the PGlite
 * instances a file puts back here are reset and reused by the worker's next files (see
 * pglite-pool.ts): resetting one costs a fraction of starting another. Likewise the apps the
 * worker builds share compiled route schemas (see shared-schema-compilers.ts).
 */
import NodeEnvironment from 'jest-environment-node'
import { processShelf } from './pglite-shelf'
import { processSchemaController } from './shared-schema-compilers'

export default class ServerTestEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args)
    // The shelf lives on the worker's own global, where test/utils/jsdom-with-server-env.js (page tests
    // on the real server) finds the same one: each environment class may be loaded more than once.
    this.global.idlePglites = processShelf()
    // Fastify's compilers, keeping what they compile for the worker's next apps (see that file).
    this.global.sharedSchemaController = processSchemaController()
  }
}
