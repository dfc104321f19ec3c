/**
 * Which of the repository's tracked files become the template, and how their names survive
 * `npm pack` (which drops every `.gitignore` and `.npmrc` from a package).
 */

/** Path segments that never go into a new project: build output, caches, generated pictures and figures. */
const EXCLUDED_SEGMENTS = new Set(['node_modules', 'dist', 'dist-h5', '.tmp', 'coverage', 'screenshots', 'measurements'])
/** The initializer itself (and any other package of this repository) is not part of a shop. */
const EXCLUDED_PREFIXES = ['packages/']

export function isTemplateFile(repoPath: string): boolean {
  if (EXCLUDED_PREFIXES.some((prefix) => repoPath.startsWith(prefix))) return false
  return !repoPath.split('/').some((segment) => EXCLUDED_SEGMENTS.has(segment))
}

/** Dotfiles npm pack would drop, stored under an underscore name in template/. */
const PACKED_NAMES: Record<string, string> = { '.gitignore': '_gitignore', '.npmrc': '_npmrc' }

function mapBaseName(repoPath: string, names: Record<string, string>): string {
  const slash = repoPath.lastIndexOf('/')
  const base = repoPath.slice(slash + 1)
  const mapped = names[base]
  return mapped === undefined ? repoPath : `${repoPath.slice(0, slash + 1)}${mapped}`
}

export function toTemplatePath(repoPath: string): string {
  return mapBaseName(repoPath, PACKED_NAMES)
}

const UNPACKED_NAMES = Object.fromEntries(Object.entries(PACKED_NAMES).map(([real, packed]) => [packed, real]))

export function fromTemplatePath(templatePath: string): string {
  return mapBaseName(templatePath, UNPACKED_NAMES)
}

const BINARY_EXTENSIONS = /\.(png|jpe?g|gif|webp|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|wav|zip|gz|tgz|wasm|pdf)$/i

/** Text files are rewritten; anything else is copied byte for byte. */
export function isTextFile(path: string, content: Buffer): boolean {
  if (BINARY_EXTENSIONS.test(path)) return false
  return !content.subarray(0, 8000).includes(0)
}
