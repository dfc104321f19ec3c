import { useRef, useState } from 'react'
import { ApiError } from '@/services/api/http'
import { orders } from '@/services/api/orders'
import type { Order } from '@/services/api/types'
import { session } from '@/services/session'

export interface Payment {
  open: boolean
  busy: boolean
  error: string | null
  /** Shows the confirm sheet (the user tapped 去支付 / the order was just placed). */
  start(): void
  /** 确认支付: resolves with the paid order, or null when it did not go through (the sheet says why). */
  confirm(): Promise<Order | null>
  close(): void
}

/**
 * The simulated payment of the reference backend: a confirm sheet with the amount, then
 * POST /api/orders/:id/pay. For a real merchant this is where the app asks its server for the
 * WeChat Pay prepay parameters and calls Taro.requestPayment({ timeStamp, nonceStr, package,
 * signType, paySign }) from the tap on 确认支付; the order counts as paid only after the server has
 * WeChat Pay's notification, so the page then reloads the order instead of trusting the client.
 */
export function usePayment(orderId: string | null, { initiallyOpen = false }: { initiallyOpen?: boolean } = {}): Payment {
  const [open, setOpen] = useState(initiallyOpen)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)

  return {
    open,
    busy,
    error,
    start() {
      setError(null)
      setOpen(true)
    },
    async confirm() {
      if (!orderId || inFlight.current) return null
      inFlight.current = true
      setBusy(true)
      setError(null)
      try {
        const paid = await session.withAccount(() => orders.pay(orderId), '登录已过期，请重新登录后支付')
        if (!paid) setError('未登录，订单已保留，可稍后在「我的订单」中支付')
        return paid
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
