import { useEffect, useRef, useState } from 'react'
import { privacy } from '@/app-root'
import { orders } from '@/subpackage-root'
import { ApiError } from '@/services/api/http'
import type { Fulfilment, SubscribeDecision } from '@contract/schemas'
import { MAX_SUBSCRIBE_TEMPLATES, PrivacyError } from '@/services/privacy'

export type SubscribeState =
  | { status: 'idle' }
  | { status: 'asking' }
  | { status: 'done'; accepted: boolean }
  | { status: 'failed'; message: string }

const TAP = { userInitiated: true }

/**
 * 订阅发货通知. The template ids are fetched with the page (that is not a prompt), so the tap handler
 * can call requestSubscribeMessage at once: WeChat accepts it only inside a tap (WX-SUB-1). The
 * per-template result goes to the server, which sends only what was accepted (WX-SUB-3). The order
 * is the same whatever the answer (WX-SUB-2).
 */
export function useSubscribe(orderId: string, fulfilment: Fulfilment) {
  const [templateIds, setTemplateIds] = useState<string[] | null>(null)
  const [state, setState] = useState<SubscribeState>({ status: 'idle' })
  const busy = useRef(false)

  useEffect(() => {
    let live = true
    // Only the templates that fit this order (WX-SUB-5): a pickup order is not asked about shipping.
    orders().subscribeTemplates(fulfilment).then(
      (items) => live && setTemplateIds(items.map((t) => t.id).slice(0, MAX_SUBSCRIBE_TEMPLATES)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [fulfilment])

  const ask = (ids: string[]) => privacy.requestSubscribeMessage(ids.slice(0, MAX_SUBSCRIBE_TEMPLATES), TAP)

  const subscribe = async () => {
    if (busy.current) return
    busy.current = true
    setState({ status: 'asking' })
    try {
      // The request starts synchronously in the tap when the ids are ready; without them (the
      // template fetch failed) they are fetched first, which WeChat may refuse as no longer a tap.
      const results: Record<string, SubscribeDecision> = await (templateIds
        ? ask(templateIds)
        : orders().subscribeTemplates(fulfilment).then((items) => ask(items.map((t) => t.id))))
      await orders().recordSubscriptions(orderId, results)
      setState({ status: 'done', accepted: Object.values(results).includes('accept') })
    } catch (error) {
      if (error instanceof PrivacyError) {
        setState({ status: 'done', accepted: false })
      } else {
        setState({ status: 'failed', message: ApiError.from(error).message })
      }
    } finally {
      busy.current = false
    }
  }

  return { state, subscribe, ready: templateIds === null || templateIds.length > 0 }
}
