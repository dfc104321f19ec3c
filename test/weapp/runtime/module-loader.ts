import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/**
 * Evaluates the compiled package's CommonJS files in one fresh V8 context per launch, as WeChat's
 * logic layer (AppService) does: each file is a function of require/module/exports, and the
 * mini program globals (wx, App, Page, Component, getApp, getCurrentPages) come from the context.
 * A relaunch builds a new loader, so no module state survives it (only the device's storage).
 */
export class ModuleLoader {
  private readonly cache = new Map<string, { exports: unknown }>()
  readonly context: vm.Context

  constructor(
    private readonly distDir: string,
    globals: Record<string, unknown>,
    /** A comment appended to every file: a new tag defeats V8's compile cache (cold-launch figures). */
    private readonly sourceTag = '',
  ) {
    this.context = vm.createContext({ ...globals })
    // The context's own globalThis, as code in WeChat sees it.
    vm.runInContext('globalThis.global = globalThis', this.context)
  }

  /** Loads `file` (relative to dist/, with or without .js) once and returns its exports. */
  require(file: string): unknown {
    const relative = file.endsWith('.js') ? file : `${file}.js`
    const absolute = path.resolve(this.distDir, relative)
    if (!absolute.startsWith(path.resolve(this.distDir) + path.sep)) throw new Error(`require outside the package: ${file}`)
    const cached = this.cache.get(absolute)
    if (cached) return cached.exports
    if (!fs.existsSync(absolute)) throw new Error(`module not found in the package: ${relative}`)
    const loaded = { exports: {} as unknown }
    this.cache.set(absolute, loaded)
    const source = fs.readFileSync(absolute, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})${this.sourceTag ? `// ${this.sourceTag}` : ''}`, this.context, {
      filename: absolute,
    }) as (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void
    const dir = path.dirname(path.relative(this.distDir, absolute))
    wrapper((id) => this.require(path.posix.join(dir.split(path.sep).join('/'), id)), loaded, loaded.exports)
    return loaded.exports
  }

  /** Runs an expression in the package's realm (e.g. its JSON.parse, so objects have its prototypes). */
  evaluate<T>(expression: string): T {
    return vm.runInContext(expression, this.context) as T
  }
}
