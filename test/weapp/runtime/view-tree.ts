import type { NodeTemplate } from './view-templates'

/** One rendered element of a page, read from the page's data the way the templates render it. */
export interface ViewElement {
  sid: string
  tag: string
  /** The rendered `id` attribute (Taro renders `uid || sid`): the test id on WeChat. */
  id: string
  className: string
  /** Attributes by WXML name ("open-type", "form-type", "name", "value", "type", "disabled"…). */
  attr(name: string): unknown
  /** All text rendered inside, concatenated. */
  text: string
  parent: ViewElement | null
  children: ViewElement[]
  binds(eventType: string): 'bind' | 'catch' | undefined
}

export interface ElementQuery {
  /** Exact text of the element, or a pattern it must match. */
  text?: string | RegExp
  /** The WXML tag: button, input, form, view, text, image… */
  role?: string
  /** The rendered id attribute. */
  id?: string
  openType?: string
  placeholder?: string
  /** One of the element's class names. */
  className?: string
}

type RawNode = Record<string, unknown>

function isRawNode(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function buildViewTree(root: unknown, templates: Map<string, NodeTemplate>): ViewElement[] {
  const elements: ViewElement[] = []
  function visit(raw: RawNode, parent: ViewElement | null): string {
    if (typeof raw.v === 'string') return raw.v
    const template = templates.get(String(raw.nn))
    if (!template) throw new Error(`rendered node ${String(raw.sid)} has node name ${String(raw.nn)}, which base.wxml has no template for`)
    const element: ViewElement = {
      sid: String(raw.sid),
      tag: template.tag,
      id: typeof raw.uid === 'string' ? raw.uid : String(raw.sid),
      className: typeof raw.cl === 'string' ? raw.cl : '',
      attr: (name) => {
        const key = template.attributes.get(name)
        return key === undefined ? undefined : raw[key]
      },
      text: '',
      parent,
      children: [],
      binds: (type) => template.events.get(type),
    }
    elements.push(element)
    parent?.children.push(element)
    const children = Array.isArray(raw.cn) ? raw.cn.filter(isRawNode) : []
    element.text = children.map((child) => visit(child, element)).join('')
    return element.text
  }
  const top = isRawNode(root) && Array.isArray(root.cn) ? root.cn.filter(isRawNode) : []
  top.forEach((node) => visit(node, null))
  return elements
}

export function matches(element: ViewElement, query: ElementQuery): boolean {
  if (query.role !== undefined && element.tag !== query.role) return false
  if (query.id !== undefined && element.id !== query.id) return false
  if (query.openType !== undefined && element.attr('open-type') !== query.openType) return false
  if (query.placeholder !== undefined && element.attr('placeholder') !== query.placeholder) return false
  if (query.className !== undefined && !element.className.split(/\s+/).includes(query.className)) return false
  if (query.text !== undefined) {
    const text = element.text.trim()
    if (typeof query.text === 'string' ? text !== query.text : !query.text.test(text)) return false
  }
  return true
}

/** The innermost matching elements (an element whose child also matches is left out). */
export function queryAll(elements: ViewElement[], query: ElementQuery): ViewElement[] {
  const found = elements.filter((element) => matches(element, query))
  return found.filter((element) => !element.children.some((child) => found.includes(child)))
}

export function describeQuery(query: ElementQuery): string {
  return Object.entries(query)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ')
}
