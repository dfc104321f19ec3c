import fs from 'node:fs'
import path from 'node:path'

/**
 * What the compiled templates (dist/base.wxml) say about each node-name alias: the WXML tag it
 * renders, which data key feeds each attribute (open-type ← p11, …) and which events are bound
 * to the page's `eh` handler (bind…/catch…). The view layer emulation reads these facts from the
 * build, so an element without `bindtap` cannot be tapped here either.
 */
export interface NodeTemplate {
  tag: string
  /** attribute name → data key of the node ("open-type" → "p11"). */
  attributes: Map<string, string>
  /** event type → 'bind' | 'catch' (catch stops bubbling). */
  events: Map<string, 'bind' | 'catch'>
}

export function readNodeTemplates(distDir: string): Map<string, NodeTemplate> {
  const file = path.join(distDir, 'base.wxml')
  const source = fs.readFileSync(file, 'utf8')
  const templates = new Map<string, NodeTemplate>()
  for (const match of source.matchAll(/<template name="tmpl_0_(\d+)(?:_\w+)?">\s*<([a-z-]+)([^>]*)>/g)) {
    const [, alias = '', tag = '', attributeText = ''] = match
    if (tag === 'template' || tag === 'block' || templates.has(alias)) continue
    const attributes = new Map<string, string>()
    const events = new Map<string, 'bind' | 'catch'>()
    for (const attribute of attributeText.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      const [, name = '', value = ''] = attribute
      const binding = name.match(/^(bind|catch)(\w+)$/)
      if (binding && value === 'eh') {
        events.set(binding[2] ?? '', binding[1] as 'bind' | 'catch')
        continue
      }
      const key = value.match(/\bi\.(\w+)/)
      if (key?.[1]) attributes.set(name, key[1])
    }
    templates.set(alias, { tag, attributes, events })
  }
  if (templates.size === 0) throw new Error(`${file}: no node templates found (not a Taro build?)`)
  return templates
}
