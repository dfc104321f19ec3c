// Prints Jest's totals as one plain line ("N passed, N failed") for CI logs.
const fs = require('node:fs')

const file = process.argv[2] || '.jest-results.json'
const results = JSON.parse(fs.readFileSync(file, 'utf8'))
const skipped = results.numPendingTests + results.numTodoTests
process.stdout.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
