/**
 * `npm run test:processes`: the server tests that run the production path as separate processes —
 * the tsc build started under plain node (production-server), the tsx CLIs (db:backup/db:restore,
 * db:seed, purge-all) and the server started by them. `npm test` leaves them out (jest.config.js,
 * PROCESS_TESTS) because each costs minutes of CPU on a 2-core machine; .ci/run runs them after it.
 */
const { maxWorkers, testTimeout, globalTeardown, projects } = require('./jest.config')

const server = projects.find((project) => project.displayName === 'server')
if (!server) throw new Error('jest.config.js has no server project')

module.exports = {
  maxWorkers,
  testTimeout,
  globalTeardown,
  projects: [{ ...server, displayName: 'server-processes', testMatch: ['**/*.process.test.ts'], testPathIgnorePatterns: ['/node_modules/'] }],
}
