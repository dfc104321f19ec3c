/**
 * A webpack plugin that writes the build's module graph (modules, the chunks they landed in, who
 * imports them) to a JSON file, so `npm run profile:bundle` can say what each output file holds and
 * why. The Taro config adds it only when BUNDLE_STATS names the file to write.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

/** What the profile needs of webpack's stats: a small, stable subset. */
export interface BundleStats {
  chunks: Array<{ id: string; names: string[]; files: string[] }>
  /** `id`: the output module id (of the concatenated module a module was merged into), to find it in the minified file. */
  modules: Array<{ name: string; id?: string; size: number; chunks: string[]; issuers: string[] }>
}

export class BundleStatsPlugin {
  constructor(private readonly outFile: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BundleStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkModules: false, modules: true, reasons: true, ids: true, nestedModules: true })
      const flatten = (modules: typeof json.modules): NonNullable<typeof json.modules> =>
        (modules ?? []).flatMap((module) => (module.modules && module.modules.length > 0 ? flatten(module.modules).map((inner) => ({ ...inner, id: module.id, chunks: module.chunks })) : [module]))
      const out: BundleStats = {
        chunks: (json.chunks ?? []).map((chunk) => ({ id: String(chunk.id), names: chunk.names ?? [], files: [...(chunk.files ?? [])] })),
        modules: flatten(json.modules).map((module) => ({
          name: module.name ?? String(module.identifier),
          ...(module.id === undefined || module.id === null ? {} : { id: String(module.id) }),
          size: module.size ?? 0,
          chunks: (module.chunks ?? []).map(String),
          issuers: [...new Set((module.reasons ?? []).map((reason) => reason.moduleName ?? '').filter((name) => name !== ''))],
        })),
      }
      fs.mkdirSync(path.dirname(this.outFile), { recursive: true })
      fs.writeFileSync(this.outFile, JSON.stringify(out))
    })
  }
}
