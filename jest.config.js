/**
 * Jest projects: the client (jsdom, Taro pages and services), the compliance tooling (node: build
 * checks, lint rules, generated documents) and the reference backend (node).
 */
// TypeScript to CommonJS without type-checking (npm run typecheck does that); see that file.
const swc = '<rootDir>/tools/jest/swc-transform.js'

// The real Taro H5 React components ship as ES modules; compile just those packages to CommonJS.
const esmPackages = ['@tarojs/components-react', 'swiper']

/** Server tests that start child processes (the built server, tsx CLIs); see jest.processes.config.js. */
const PROCESS_TESTS = '\\.process\\.test\\.ts$'

module.exports = {
  // Tests open real databases and render real components; on a busy 2-core machine one step can pass
  // Jest's default 5 s, and a test that opens a second database took over 60 s at load 26 (two cores
  // shared with other builds). No test asserts speed: this limit only catches hangs.
  testTimeout: 180_000,
  // Jest's default is one worker per core minus one: a single worker on a 2-core CI machine, which
  // runs every file in series while the main process idles. Two workers keep both cores busy.
  maxWorkers: 2,
  // Closes the PGlite instances test files left for the next file when the tests ran in band.
  globalTeardown: '<rootDir>/server/test/support/global-teardown.ts',
  projects: [
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/compliance/', '<rootDir>/test/weapp/'],
      transform: { '^.+\\.(tsx?|m?js)$': swc },
      transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
      moduleNameMapper: {
        // Real Taro H5 React components (see test/utils/taro-components.ts) and a recording Taro API.
        '^@tarojs/components$': '<rootDir>/test/utils/taro-components.ts',
        '^@tarojs/taro$': '<rootDir>/test/utils/taro-api.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@contract/(.*)$': '<rootDir>/contract/$1',
        '\\.(css|scss)$': '<rootDir>/test/utils/style-stub.js',
      },
      setupFilesAfterEnv: ['<rootDir>/test/utils/setup.ts'],
    },
    {
      displayName: 'compliance',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/compliance'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': swc },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@contract/(.*)$': '<rootDir>/contract/$1' },
    },
    {
      displayName: 'server',
      // Node's environment plus a per-worker shelf of PGlite instances that test files reuse (see that file).
      testEnvironment: '<rootDir>/server/test/support/server-environment.ts',
      roots: ['<rootDir>/server/test'],
      testMatch: ['**/*.test.ts'],
      // *.process.test.ts build the server or start it and its CLIs as child processes: minutes of CPU
      // on a 2-core machine, so they run in their own step (npm run test:processes, jest.processes.config.js).
      testPathIgnorePatterns: ['/node_modules/', PROCESS_TESTS],
      // Builds the PGlite templates tests load instead of running initdb per database (see that file).
      globalSetup: '<rootDir>/server/test/support/global-setup.ts',
      transform: { '^.+\\.ts$': swc },
    },
    // template-only:start (the initializer's tests; a shop created from the template has no packages/)
    {
      displayName: 'scaffold',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages/create-wx-privacy-storefront/test'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    // template-only:end
  ],
}
