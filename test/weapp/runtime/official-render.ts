import vm from 'node:vm'
import { wxmlToJs } from 'miniprogram-compiler'
import type { ViewElement } from './view-tree'

/**
 * The page's data rendered through WeChat's own templates: the official compiler (wcc, from npm
 * miniprogram-compiler) turns dist/'s WXML into its generator ($gwx), which builds the view
 * layer's virtual tree from the data, as WeChat's view layer does. Comparing that tree with the
 * runtime's reading of the data makes a template/data mismatch a test failure.
 */
interface VirtualNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (VirtualNode | string)[]
}

type Generator = (env: unknown, dd: unknown, global: unknown) => VirtualNode
type Gwx = (path: string) => Generator | undefined

/** The generator and its realm's JSON.parse: data must be that realm's objects ($gdc checks o.constructor===Object). */
const compiled = new Map<string, { gwx: Gwx; parse: (text: string) => unknown }>()

/** The events the runtime dispatches through `eh`. */
const DISPATCHED_EVENTS = ['tap', 'input', 'focus', 'blur', 'confirm', 'submit', 'reset', 'getphonenumber', 'chooseavatar', 'agreeprivacyauthorization', 'nicknamereview']

function compiledFor(distDir: string): { gwx: Gwx; parse: (text: string) => unknown } {
  const known = compiled.get(distDir)
  if (known) return known
  const context = vm.createContext({}) as Record<string, unknown>
  // The generator expects the view layer's `window` global.
  context.window = context
  const gwx = vm.runInContext(`(function () {${wxmlToJs(distDir, { maxBuffer: 64 * 1024 * 1024 })}})()`, context as vm.Context) as Gwx
  const entry = { gwx, parse: vm.runInContext('JSON.parse', context as vm.Context) as (text: string) => unknown }
  compiled.set(distDir, entry)
  return entry
}

function textOf(node: VirtualNode | string): string {
  return typeof node === 'string' ? node : (node.children ?? []).map(textOf).join('')
}

function byId(root: VirtualNode): Map<string, VirtualNode> {
  const found = new Map<string, VirtualNode>()
  const visit = (node: VirtualNode | string) => {
    if (typeof node === 'string') return
    const id = node.attr?.id
    if (typeof id === 'string') found.set(id, node)
    node.children?.forEach(visit)
  }
  visit(root)
  return found
}

/**
 * Differences between the official rendering of `route` with `data` and the runtime's elements:
 * an element missing, another tag, other text, or an event the runtime dispatches that the
 * template does not bind. Empty when they agree.
 */
export function compareWithOfficialRender(distDir: string, route: string, data: unknown, elements: ViewElement[]): string[] {
  const { gwx, parse } = compiledFor(distDir)
  const generate = gwx(`${route}.wxml`)
  if (!generate) return [`${route}.wxml is not in the compiled templates`]
  // As WeChat does, the data reaches the view layer as JSON.
  const rendered = byId(generate(parse(JSON.stringify(data)), {}, undefined))
  const problems: string[] = []
  for (const element of elements) {
    const node = rendered.get(element.id)
    const where = `${route} #${element.id}`
    if (!node) {
      problems.push(`${where}: <${element.tag}> is not in the official rendering`)
      continue
    }
    if (node.tag !== `wx-${element.tag}`) problems.push(`${where}: runtime reads <${element.tag}>, the template renders <${node.tag}>`)
    const text = textOf(node)
    if (text !== element.text) problems.push(`${where}: runtime reads "${element.text}", the template renders "${text}"`)
    for (const type of DISPATCHED_EVENTS) {
      const bound = element.binds(type)
      if (bound && node.attr?.[`${bound}${type}`] !== 'eh') problems.push(`${where}: runtime dispatches ${type}, the template does not bind it`)
    }
  }
  if (rendered.size !== elements.length) problems.push(`${route}: the template renders ${rendered.size} elements, the runtime reads ${elements.length}`)
  return problems
}
