import fs from 'node:fs'
import path from 'node:path'

/**
 * How deep a page's nodes reach in base.wxml's static templates. WeChat's WXML cannot recurse, so
 * Taro writes one set of node templates per nesting level (baseLevel in the Taro config sets how many, see
 * config/size-settings.ts); a node past the last static level renders through the recursive
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

/** The template level the build's rules give a node: its depth, its own kind's ancestors, or 0. */
const ownLevel = (alias: string, depth: number, sameKind: readonly string[], levels: TemplateLevels): number => {
  if (levels.ownKindOnly.has(alias)) return sameKind.filter((kind) => kind === alias).length
  return levels.nesting.has(alias) ? depth : 0
}

/** The own-kind ancestors a node's children count (see ownLevel). */
const kindsBelow = (alias: string, sameKind: readonly string[], levels: TemplateLevels): readonly string[] =>
  levels.ownKindOnly.has(alias) ? [...sameKind, alias] : sameKind

/**
 * The deepest static template level the page's data needs, and the node that needs it. A node
 * needs its own level, and an element (not plain text) also needs one more than its parent's level:
 * the template that renders it sits below its parent's. Needing level `count` or more means `comp`.
 */
export function deepestLevel(root: unknown, levels: TemplateLevels): { level: number; sid: string } {
  let deepest = { level: -1, sid: '' }
  const visit = (node: RawNode, depth: number, sameKind: readonly string[], parentLevel: number) => {
    const alias = String(node.nn)
    const own = ownLevel(alias, depth, sameKind, levels)
    const needed = alias === levels.textAlias ? own : Math.max(own, parentLevel + 1)
    if (needed > deepest.level) deepest = { level: needed, sid: String(node.sid) }
    for (const child of childrenOf(node)) visit(child, depth + 1, kindsBelow(alias, sameKind, levels), own)
  }
  if (typeof root === 'object' && root !== null) for (const node of childrenOf(root as RawNode)) visit(node, 0, [], -1)
  return deepest
}

/** The names of base.wxml's templates (`tmpl_<level>_<alias>`). */
export function readTemplateNames(distDir: string): ReadonlySet<string> {
  const base = fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8')
  return new Set([...base.matchAll(/<template name="([\w-]+)">/g)].map((match) => match[1] ?? ''))
}

/**
 * The first node WeChat would render nothing for: the template the build's rules pick for it is not
 * in base.wxml, or is the template of one of its ancestors (a WXML template cannot include itself).
 * That is what a component with a single template level (config/size-settings.ts:
 * WEAPP_SINGLE_LEVEL_TEMPLATES, and Taro's own level-0-only components) nested in its own kind
 * gets. Nodes past the static levels are deepestLevel's concern (they render through `comp`).
 */
export function unrenderedNode(root: unknown, levels: TemplateLevels, names: ReadonlySet<string>): { sid: string; template: string; reason: string } | null {
  const visit = (node: RawNode, depth: number, sameKind: readonly string[], ancestors: readonly string[]): { sid: string; template: string; reason: string } | null => {
    const alias = String(node.nn)
    const level = ownLevel(alias, depth, sameKind, levels)
    if (level >= levels.count) return null
    const template = `tmpl_${level}_${alias}`
    if (!names.has(template)) return { sid: String(node.sid), template, reason: 'is not in base.wxml' }
    if (ancestors.includes(template)) return { sid: String(node.sid), template, reason: "is also an ancestor's template (a WXML template cannot include itself)" }
    for (const child of childrenOf(node)) {
      const found = visit(child, depth + 1, kindsBelow(alias, sameKind, levels), [...ancestors, template])
      if (found) return found
    }
    return null
  }
  if (typeof root !== 'object' || root === null) return null
  for (const node of childrenOf(root as RawNode)) {
    const found = visit(node, 0, [], [])
    if (found) return found
  }
  return null
}
