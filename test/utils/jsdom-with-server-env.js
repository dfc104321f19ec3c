/* eslint-env node */
/**
 * Jest environment for page tests that talk to the real server in-process: jsdom for the page,
 * plus the Node globals jsdom leaves out that fastify and PGlite's protocol code use, and the
 * worker's shelf of reusable PGlite instances.
 */
const { TestEnvironment } = require('jest-environment-jsdom')
// TypeScript: Jest compiles what a test environment requires with the project's transform.
const { processShelf } = require('../../server/test/support/pglite-shelf')
const { processSchemaController } = require('../../server/test/support/shared-schema-compilers')

const NODE_GLOBALS = ['TextEncoder', 'TextDecoder', 'setImmediate', 'clearImmediate', 'structuredClone', 'ReadableStream', 'WritableStream', 'TransformStream', 'MessageChannel', 'BroadcastChannel']

const SHARED_BINARY = ['ArrayBuffer', 'Uint8Array']

class JsdomWithServerEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    for (const name of NODE_GLOBALS) {
      if (this.global[name] === undefined) this.global[name] = global[name]
    }
    // Node's Buffer (which fastify sends) is a Uint8Array of Node's realm; fastify recognises bytes by
    // `payload.buffer instanceof ArrayBuffer`, so both realms must share these constructors.
    for (const name of SHARED_BINARY) this.global[name] = global[name]
    // Node's fetch under its own name, for server code that calls out (the WeChat Pay gateway to its
    // local stand-in); the page's `fetch` stays refused (test/utils/setup.ts).
    this.global.nodeFetch = global.fetch
    // Server code bounds its outgoing calls with AbortSignal.timeout (Node 17.3+), which this jsdom
    // lacks; a jsdom signal aborted by a jsdom timer behaves the same for it.
    const { AbortController, AbortSignal, DOMException, setTimeout } = this.global
    if (typeof AbortSignal.timeout !== 'function') {
      AbortSignal.timeout = (ms) => {
        const controller = new AbortController()
        setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms)
        return controller.signal
      }
    }
    // The worker's shelf of idle PGlite instances, shared with the server tests' environment
    // (server/test/support/server-environment.ts, pglite-pool.ts): a page test reuses a database too.
    this.global.idlePglites = processShelf()
    // Likewise the compiled route schemas: the apps a page test builds reuse what the worker compiled.
    this.global.sharedSchemaController = processSchemaController()
  }
}

module.exports = JsdomWithServerEnvironment
