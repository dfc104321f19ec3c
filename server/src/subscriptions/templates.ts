import type { SubscribeTemplate } from '../contract'

/** WeChat lets one requestSubscribeMessage call ask for at most 3 templates (WX-SUB-1). */
export const MAX_TEMPLATES = 3

/** What the sandbox offers when WECHAT_SUBSCRIBE_TEMPLATES is not set: order status only (WX-SUB-4). */
export const SANDBOX_TEMPLATES: readonly SubscribeTemplate[] = [
  { id: 'sandbox-order-shipped', title: '订单发货通知' },
  { id: 'sandbox-pickup-ready', title: '取货提醒' },
  { id: 'sandbox-order-completed', title: '订单完成通知' },
]

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/

/** "id:title,id:title" (WECHAT_SUBSCRIBE_TEMPLATES) → templates; throws one clear message per problem. */
export function parseTemplates(raw: string): SubscribeTemplate[] {
  const templates = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':')
      const id = colon < 0 ? entry : entry.slice(0, colon).trim()
      const title = colon < 0 ? '' : entry.slice(colon + 1).trim()
      if (!TEMPLATE_ID.test(id)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: "${id}" is not a template id`)
      if (title.length < 1 || title.length > 20) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: template ${id} needs a title of 1 to 20 characters (id:title)`)
      return { id, title }
    })
  if (templates.length > MAX_TEMPLATES) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: at most ${MAX_TEMPLATES} templates`)
  if (new Set(templates.map((template) => template.id)).size !== templates.length) {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES: a template id appears twice')
  }
  return templates
}
