import { useEffect, useRef, useState } from 'react'
import { session } from '@/app-root'
import { payments } from '@/subpackage-root'
import { ApiError } from '@/services/api/http'
import type { Order, PaymentStart } from '@contract/schemas'
import { PaymentCancelled, PaymentFailed } from '@/services/payment'
import { LoginDeclined } from '@/services/session'

export interface Payment {
  open: boolean
  busy: boolean
  error: string | null
  /** Which provider pays, once the server said so (null while preparing or after a failure). */
  provider: PaymentStart['provider'] | null
  /** Shows the confirm sheet (the user tapped 去支付 / the order was just placed). */
  start(): void
  /** 确认支付: resolves with the paid order, or null when it did not go through (the sheet says why). */
  confirm(): Promise<Order | null>
  close(): void
}

const NOT_LOGGED_IN = '未登录，订单已保留，可稍后在「我的订单」中支付'

/** Every way paying stops short says the order is kept. */
function messageOf(error: unknown): string {
  if (error instanceof LoginDeclined) return NOT_LOGGED_IN
  if (error instanceof PaymentCancelled || error instanceof PaymentFailed) return error.message
  return ApiError.from(error).message
}

/**
 * The pay sheet's state. Opening it asks the server how to pay (POST /api/orders/:id/payment);
 * 确认支付 then pays through the payment service: the sandbox's confirm, or WeChat's cashier with
 * the server-signed parameters, after which the order is reloaded, never assumed paid.
 */
export function usePayment(orderId: string | null, { initiallyOpen = false }: { initiallyOpen?: boolean } = {}): Payment {
  const [open, setOpen] = useState(initiallyOpen)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [started, setStarted] = useState<PaymentStart | null>(null)
  const inFlight = useRef(false)

  useEffect(() => {
    if (!open || !orderId || started) return
    let live = true
    session
      .withAccount('payment', () => payments().start(orderId))
      .then((start) => {
        if (live) setStarted(start)
      })
      .catch((caught: unknown) => {
        if (live) setError(messageOf(caught))
      })
    return () => {
      live = false
    }
  }, [open, orderId, started])

  return {
    open,
    busy,
    error,
    provider: started?.provider ?? null,
    start() {
      setError(null)
      setOpen(true)
    },
    async confirm() {
      if (!orderId || !started || inFlight.current) return null
      inFlight.current = true
      setBusy(true)
      setError(null)
      try {
        const result = await session.withAccount('payment', () => payments().pay(orderId, started))
        if (result.kind === 'paid') return result.order
        setError('正在确认支付结果，请稍后在「我的订单」查看，请勿重复支付')
        return null
      } catch (caught) {
        setError(messageOf(caught))
        return null
      } finally {
        inFlight.current = false
        setBusy(false)
      }
    },
    close() {
      if (!inFlight.current) setOpen(false)
    },
  }
}
