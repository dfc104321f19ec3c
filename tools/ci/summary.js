// Prints Jest's totals over one or more --json result files as one plain line ("N passed, N failed").
const fs = require('node:fs')

const files = process.argv.slice(2).filter((file) => fs.existsSync(file))
const totals = { passed: 0, failed: 0, skipped: 0 }
for (const file of files.length > 0 ? files : ['.jest-results.json']) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'))
  totals.passed += results.numPassedTests
  totals.failed += results.numFailedTests
  totals.skipped += results.numPendingTests + results.numTodoTests
}
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`)
