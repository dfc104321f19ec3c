import type { Fulfilment, SubscribeTemplate } from '../contract'

/** WeChat lets one requestSubscribeMessage call ask for at most 3 templates (WX-SUB-1). */
export const MAX_TEMPLATES = 3

/** What the sandbox offers when WECHAT_SUBSCRIBE_TEMPLATES is not set: order status only (WX-SUB-4). */
export const SANDBOX_TEMPLATES: readonly OrderTemplate[] = [
  { id: 'sandbox-order-shipped', title: '订单发货通知', fits: 'delivery' },
  { id: 'sandbox-pickup-ready', title: '取货提醒', fits: 'pickup' },
  { id: 'sandbox-order-completed', title: '订单完成通知', fits: 'any' },
]

/** A configured template and the orders it fits: a pickup order is never asked about shipping (WX-SUB-5). */
export interface OrderTemplate extends SubscribeTemplate {
  fits: Fulfilment | 'any'
}

/** The templates to offer for an order of this kind, at most 3 (WX-SUB-5). */
export function templatesFor(templates: readonly OrderTemplate[], fulfilment: Fulfilment): OrderTemplate[] {
  return templates.filter((template) => template.fits === 'any' || template.fits === fulfilment).slice(0, MAX_TEMPLATES)
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/

/**
 * "id:title[:delivery|pickup],…" (WECHAT_SUBSCRIBE_TEMPLATES) → templates; without a kind a template
 * fits every order. Throws one clear message per problem.
 */
export function parseTemplates(raw: string): OrderTemplate[] {
  const templates = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [rawId = '', rawTitle = '', rawFits = 'any', ...extra] = entry.split(':').map((part) => part.trim())
      const id = rawId
      const title = rawTitle
      if (!TEMPLATE_ID.test(id)) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: "${id}" is not a template id`)
      if (title.length < 1 || title.length > 20) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: template ${id} needs a title of 1 to 20 characters (id:title)`)
      if (extra.length > 0 || !['delivery', 'pickup', 'any'].includes(rawFits)) {
        throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: template ${id}: the kind after the title must be delivery or pickup (id:title:delivery)`)
      }
      return { id, title, fits: rawFits as OrderTemplate['fits'] }
    })
  for (const kind of ['delivery', 'pickup'] as const) {
    const fitting = templates.filter((template) => template.fits === 'any' || template.fits === kind)
    if (fitting.length > MAX_TEMPLATES) throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: at most ${MAX_TEMPLATES} templates fit a ${kind} order`)
  }
  if (new Set(templates.map((template) => template.id)).size !== templates.length) {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES: a template id appears twice')
  }
  return templates
}
