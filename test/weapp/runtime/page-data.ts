/**
 * setData as WeChat applies it: each key of the patch is a data path ("a.b[0].c"; Taro writes
 * "root.cn.[0].cn.[2]"), the value replaces what is there, missing objects/arrays are created.
 * WeChat measures a setData by its JSON text; over 1 MB it refuses the call (官方文档「setData」:
 * "单次设置的数据不能超过1024kB").
 */
export const SET_DATA_LIMIT_BYTES = 1024 * 1024

export type DataRecord = Record<string, unknown>

export function pathTokens(dataPath: string): (string | number)[] {
  const tokens: (string | number)[] = []
  for (const match of dataPath.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (match[1] !== undefined) tokens.push(Number(match[1]))
    else if (match[2] !== undefined) tokens.push(match[2])
  }
  if (tokens.length === 0) throw new Error(`setData: empty data path "${dataPath}"`)
  return tokens
}

function isContainer(value: unknown): value is DataRecord | unknown[] {
  return typeof value === 'object' && value !== null
}

export function applyDataPath(data: DataRecord, dataPath: string, value: unknown): void {
  const tokens = pathTokens(dataPath)
  let node: DataRecord | unknown[] = data
  tokens.slice(0, -1).forEach((token, index) => {
    const container = node as Record<string | number, unknown>
    let next = container[token]
    if (!isContainer(next)) {
      next = typeof tokens[index + 1] === 'number' ? [] : {}
      container[token] = next
    }
    node = next as DataRecord | unknown[]
  })
  const last = tokens[tokens.length - 1] as string | number
  // WeChat copies data across threads: the view never shares objects with the logic layer.
  ;(node as Record<string | number, unknown>)[last] = value === undefined ? undefined : structuredClone(value)
}

/** Bytes WeChat would transfer for this patch: its JSON text in UTF-8. */
export function patchBytes(patch: DataRecord): number {
  return Buffer.byteLength(JSON.stringify(patch), 'utf8')
}
