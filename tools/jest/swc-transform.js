/**
 * Jest transform: TypeScript, TSX and ES modules to CommonJS with SWC, file by file.
 *
 * Types are not checked here: `npm run typecheck` (strict tsc over every source and test file) does
 * that once, in parallel with Jest. Compiling each file on its own is what ts-jest did too (our
 * tsconfigs set isolatedModules), but SWC does it in native code: on a fresh clone, where Jest has
 * no cache yet, ts-jest and babel-jest spent about half a minute of CPU on this.
 * `jest.mock(...)` calls are hoisted above the imports, as ts-jest and babel-jest do.
 */
const { createHash } = require('node:crypto')
const { readFileSync } = require('node:fs')
const swc = require('@swc/core')

/** Bumps the cache key when this file or SWC changes. */
const VERSION_KEY = createHash('sha256').update(readFileSync(__filename)).update(swc.version).digest('hex')

function parserFor(filename) {
  if (/\.tsx$/.test(filename)) return { syntax: 'typescript', tsx: true }
  if (/\.ts$/.test(filename)) return { syntax: 'typescript' }
  return { syntax: 'ecmascript', jsx: /\.jsx$/.test(filename) }
}

function swcOptions(filename) {
  return {
    filename,
    sourceMaps: true,
    swcrc: false,
    configFile: false,
    module: { type: 'commonjs' },
    jsc: {
      parser: parserFor(filename),
      // Node 20 runs ES2022 natively; nothing needs lowering.
      target: 'es2022',
      keepClassNames: true,
      transform: {
        react: { runtime: 'automatic' },
        hidden: { jest: true },
      },
    },
  }
}

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = swc.transformSync(sourceText, swcOptions(sourcePath))
    return { code, map }
  },
  getCacheKey(sourceText, sourcePath, { instrument }) {
    return createHash('sha256')
      .update(VERSION_KEY)
      .update(sourcePath)
      .update(String(Boolean(instrument)))
      .update(sourceText)
      .digest('hex')
  },
}
