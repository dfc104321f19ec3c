import fs from 'node:fs'
import path from 'node:path'

/**
 * How deep a page's nodes reach in base.wxml's static templates. WeChat's WXML cannot recurse, so
 * Taro writes one set of node templates per nesting level (baseLevel in the Taro config sets how many, see
 * config/weapp-base-level.ts); a node past the last static level renders through the recursive
 * `comp` custom component instead. The level rules are the build's own, read from its utils.wxs
 * (`xs.a`): a node whose alias is in the first list takes its nesting depth as its level, an alias
 * in the second list counts only ancestors of its own alias, any other alias renders at level 0;
 * the last static level hands all its children to `tmpl_<n>_container`, where only a plain text
 * node stays out of `comp`.
 */
export interface TemplateLevels {
  /** Levels with static templates: 0 … count − 1 (Taro's baseLevel − 1). */
  count: number
  nesting: ReadonlySet<string>
  ownKindOnly: ReadonlySet<string>
  /** The alias of a plain text node, which the container renders without `comp`. */
  textAlias: string
}

export function readTemplateLevels(distDir: string): TemplateLevels {
  const wxs = fs.readFileSync(path.join(distDir, 'utils.wxs'), 'utf8')
  const base = fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8')
  const lists = [...wxs.matchAll(/var [ab] = (\[[^\]]*\])/g)].map((match) => JSON.parse(match[1] ?? '[]') as string[])
  const container = wxs.match(/if \(l >= (\d+)\) \{\s*return 'tmpl_\1_container'/)
  const text = base.match(/<template name="tmpl_\d+_container">\s*<block wx:if="\{\{i\.nn === '(\w+)'\}\}">/)
  if (lists.length < 2 || !container || !text) throw new Error(`${distDir}: utils.wxs/base.wxml do not have the level rules this runtime knows (Taro version?)`)
  return { count: Number(container[1]), nesting: new Set(lists[0]), ownKindOnly: new Set(lists[1]), textAlias: text[1] ?? '' }
}

type RawNode = Record<string, unknown>

const childrenOf = (node: RawNode): RawNode[] => (Array.isArray(node.cn) ? node.cn.filter((child): child is RawNode => typeof child === 'object' && child !== null) : [])

/**
 * The deepest static template level the page's data needs, and the node that needs it. A node
 * needs its own level, and an element (not plain text) also needs one more than its parent's level:
 * the template that renders it sits below its parent's. Needing level `count` or more means `comp`.
 */
export function deepestLevel(root: unknown, levels: TemplateLevels): { level: number; sid: string } {
  let deepest = { level: -1, sid: '' }
  const visit = (node: RawNode, depth: number, sameKind: readonly string[], parentLevel: number) => {
    const alias = String(node.nn)
    let own = levels.nesting.has(alias) ? depth : 0
    if (levels.ownKindOnly.has(alias)) own = sameKind.filter((kind) => kind === alias).length
    const needed = alias === levels.textAlias ? own : Math.max(own, parentLevel + 1)
    if (needed > deepest.level) deepest = { level: needed, sid: String(node.sid) }
    const kinds = levels.ownKindOnly.has(alias) ? [...sameKind, alias] : sameKind
    for (const child of childrenOf(node)) visit(child, depth + 1, kinds, own)
  }
  if (typeof root === 'object' && root !== null) for (const node of childrenOf(root as RawNode)) visit(node, 0, [], -1)
  return deepest
}
