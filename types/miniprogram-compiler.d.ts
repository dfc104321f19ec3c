/** The official WXML/WXSS compilers (wcc, wcsc) wrapped for Node; the package ships no types. */
declare module 'miniprogram-compiler' {
  export function wxmlToJs(rootPath: string, options?: { maxBuffer?: number; wxmlList?: string[] }): string
  export function wxssToJs(rootPath: string, options?: { maxBuffer?: number; wxssList?: string[] }): string
}

declare module 'miniprogram-compiler/src/wcsc' {
  /** Returns the compiled map, or (unlike wcc) returns an Error instead of throwing. */
  export default function wcsc(rootPath: string, files: string[], options?: { maxBuffer?: number }): Record<string, string> | Error
}
