import { useEffect, useRef, useState } from 'react'
import { payments, session } from '@/app-root'
import { ApiError } from '@/services/api/http'
import type { Order, PaymentStart } from '@/services/api/types'

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
      .withAccount(() => payments.start(orderId), '登录已过期，请重新登录后支付')
      .then((start) => {
        if (!live) return
        if (start) setStarted(start)
        else setError(NOT_LOGGED_IN)
      })
      .catch((caught: unknown) => {
        if (live) setError(ApiError.from(caught).message)
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
        const result = await session.withAccount(() => payments.pay(orderId, started), '登录已过期，请重新登录后支付')
        if (result === null) setError(NOT_LOGGED_IN)
        else if (result.kind === 'cancelled') setError('已取消支付，订单已保留，可稍后支付')
        else if (result.kind === 'failed') setError('支付未完成，订单已保留，请稍后重试')
        else if (result.kind === 'confirming') setError('正在确认支付结果，请稍后在「我的订单」查看，请勿重复支付')
        else return result.order
        return null
      } catch (caught) {
        setError(ApiError.from(caught).message)
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
