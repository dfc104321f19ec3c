import type { Fulfilment, OrderStatus } from '@/services/api/types'

export const STATUS_TEXT: Record<OrderStatus, string> = {
  pending_payment: '待支付',
  paid: '已支付',
  shipped: '已发货',
  ready_for_pickup: '待取货',
  completed: '已完成',
  cancelled: '已取消',
}

export const FULFILMENT_TEXT: Record<Fulfilment, string> = {
  delivery: '配送',
  pickup: '到店自提',
}

/** ISO time → "2026-11-21 17:30" in the device's time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
