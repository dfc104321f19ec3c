#!/usr/bin/env node
// Compiled from src/ at pack time (prepack); no runtime dependencies.
require('../lib/cli.js').run(process.argv.slice(2))
