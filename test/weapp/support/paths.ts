import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..', '..')
export const DECLARATION_FILE = path.join(ROOT, 'docs', 'privacy-declaration.md')
