import { useRef, useState } from 'react'
import { privacy, session } from '@/app-root'
import { orders } from '@/subpackage-root'
import { ApiError } from '@/services/api/http'
import { endsAttempt, isCartConflict } from '@/services/api/orders'
import type { Order, PlaceOrderRequest } from '@contract/schemas'
import { PrivacyError } from '@/services/privacy'
import { LoginDeclined } from '@/services/session'
import type { CartLine } from '@/state/cart'
import { newIdempotencyKey } from './model'
import { refreshCartLines, removeOrderedLines } from './cart-refresh'

export interface SubmitNotice {
  text: string
  /** What changed in the cart after a 409, line by line. */
  changes: string[]
}

/**
 * 提交订单: one idempotency key per checkout attempt, reused on double taps and on every retry after
 * an unanswered request, so the server makes at most one order; login only when needed, and
 * declining it keeps everything on the page (WX-LOGIN-2).
 */
export function useSubmitOrder() {
  const key = useRef(newIdempotencyKey())
  const inFlight = useRef(false)
  const [submitting, setSubmitting] = useState(false)
  const [order, setOrder] = useState<Order | null>(null)
  const [notice, setNotice] = useState<SubmitNotice | null>(null)

  /** `typedContact`: the request carries what the user typed (name, phone, address): agreement first (WX-PRIV-9). */
  const submit = async (build: (idempotencyKey: string) => PlaceOrderRequest, lines: readonly CartLine[], typedContact: boolean): Promise<Order | null> => {
    // A second tap before the first answer (the button is disabled too, but taps can race a render).
    if (inFlight.current) return null
    inFlight.current = true
    setSubmitting(true)
    setNotice(null)
    try {
      if (typedContact) await privacy.agreeBefore('deliveryContact', { userInitiated: true })
      const placed = await session.withAccount('checkout', () => orders().place(build(key.current)))
      removeOrderedLines(placed.items)
      setOrder(placed)
      return placed
    } catch (error) {
      // A refused order (409, 400) ends this attempt; anything unanswered keeps the key for the retry.
      if (error instanceof PrivacyError) {
        setNotice({ text: error.userMessage, changes: [] })
        return null
      }
      if (error instanceof LoginDeclined) {
        setNotice({ text: '未登录，订单未提交；已填写的信息和购物车都已保留', changes: [] })
        return null
      }
      if (endsAttempt(error)) key.current = newIdempotencyKey()
      if (isCartConflict(error)) {
        let changes: string[] = []
        try {
          changes = await refreshCartLines(lines)
        } catch {
          changes = ['暂时无法刷新商品信息，请稍后重试']
        }
        setNotice({ text: error.message, changes })
      } else {
        setNotice({ text: ApiError.from(error).message, changes: [] })
      }
      return null
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }

  return { submit, submitting, order, notice, clearNotice: () => setNotice(null) }
}
