/**
 * The compiled mini program suite (npm run test:weapp): runs dist/ — build it first with
 * npm run build:weapp — in the test runtime of test/weapp/runtime/, against the real backend.
 */
module.exports = {
  displayName: 'weapp',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@contract/(.*)$': '<rootDir>/contract/$1' },
  // Hangs only: nothing here waits on wall time (the runtime's timers are virtual).
  testTimeout: 60_000,
}
