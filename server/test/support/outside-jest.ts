/**
 * Two dependencies cannot be loaded by Jest's CommonJS module sandbox (which lacks ES module
 * support unless Node runs with --experimental-vm-modules):
 * - PGlite's Node build loads its WASM runtime with dynamic import();
 * - light-my-request (behind fastify.inject) requires `cookie`, which is now ESM-only.
 * Plain Node handles both, so tests take these two modules from Node's own require, outside
 * the sandbox. Production code imports them normally; only the test process is affected.
 * Import this module before anything that loads fastify or PGlite.
 */
jest.mock('@electric-sql/pglite', () => {
  return process.getBuiltinModule('module').createRequire(__filename)('@electric-sql/pglite') as unknown
})
jest.mock('cookie', () => {
  return process.getBuiltinModule('module').createRequire(__filename)('cookie') as unknown
})

export {}
