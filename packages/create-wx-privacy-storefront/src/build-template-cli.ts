/** prepack: lib/build-template-cli.js → template/ from the repository two folders up. */
import path from 'node:path'
import { buildTemplate } from './build-template'

const packageDir = path.resolve(__dirname, '..')
const repoRoot = path.resolve(packageDir, '..', '..')
const count = buildTemplate(repoRoot, path.join(packageDir, 'template'))
process.stdout.write(`template/: ${count} files from ${repoRoot}\n`)
