/** `npm run check:release [-- --strict]`: prints the offline release check; exit 1 on an error. */
import path from 'node:path'
import { checkRelease } from './release-check'
import { readReleaseFacts, releaseAppid } from './release-facts'

const strict = process.argv.includes('--strict')
const facts = readReleaseFacts(path.resolve(__dirname, '..', '..'))
const { errors, warnings } = checkRelease(facts, { strict })
process.stdout.write(`release check${strict ? ' (strict)' : ''}: appid ${releaseAppid(facts)}, version ${facts.version}, API base ${facts.apiBase ?? '(none)'}\n`)
for (const warning of warnings) process.stdout.write(`⚠ ${warning}\n`)
for (const error of errors) process.stderr.write(`✖ ${error}\n`)
if (errors.length > 0) process.exit(1)
process.stdout.write(warnings.length > 0 ? 'release check passed; the warnings above must be fixed before npm run upload\n' : 'release check passed\n')
