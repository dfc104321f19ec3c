/**
 * The browser suite (npm run test:e2e): the production H5 build served by the reference backend
 * on a fresh embedded database, driven in Debian's headless Chromium. Steps run in order in one
 * browser, as one person would use the app.
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@contract/(.*)$': '<rootDir>/contract/$1' },
  testTimeout: 60_000,
  maxWorkers: 1,
  bail: true,
}
