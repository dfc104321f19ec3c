import { productImagePath } from '../catalog/image-paths'
import type { Fulfilment, Order, OrderStatus, OrderSummary, Outlet, Page } from '../contract'
import type { Queryable } from '../db/database'
import { toOutlet } from '../outlets/outlets'
import { iso } from '../time'

interface OrderRow {
  id: string
  status: OrderStatus
  fulfilment: Fulfilment
  items_fen: number
  delivery_fen: number
  total_fen: number
  contact_name: string
  phone_masked: string | null
  address_city: string | null
  address_detail: string | null
  note: string
  created_at: Date | string
  paid_at: Date | string | null
  pay_by: Date | string | null
  // The outlet, when there is one (pickup).
  outlet_id: string | null
  outlet_name: string | null
  outlet_city: string | null
  outlet_address: string | null
  outlet_latitude: number | null
  outlet_longitude: number | null
  outlet_hours: string | null
}

/** The order's own columns (no outlet): what toOrder needs. */
export type StoredOrder = Omit<OrderRow, `outlet_${string}`>

export interface LineRow {
  sku_id: string
  product_id: string
  name: string
  sku_name: string
  unit_price_fen: number
  quantity: number
}

/** The user's own order, or null: another user's order is indistinguishable from a missing one. */
export async function getOrder(db: Queryable, userId: string, orderId: string): Promise<Order | null> {
  const [row] = await db.query<OrderRow>(
    `select o.id, o.status, o.fulfilment, o.items_fen, o.delivery_fen, o.total_fen, o.contact_name, o.phone_masked,
       o.address_city, o.address_detail, o.note, o.created_at, o.paid_at, o.pay_by,
       s.id as outlet_id, s.name as outlet_name, s.city as outlet_city, s.address as outlet_address,
       s.latitude as outlet_latitude, s.longitude as outlet_longitude, s.hours as outlet_hours
     from orders o left join outlets s on s.id = o.outlet_id
     where o.id = $1 and o.user_id = $2`,
    [orderId, userId],
  )
  if (!row) return null
  const lines = await db.query<LineRow>(
    `select sku_id, product_id, name, sku_name, unit_price_fen, quantity
     from order_lines where order_id = $1 order by position`,
    [orderId],
  )
  const outlet =
    row.outlet_id === null
      ? null
      : toOutlet({
          id: row.outlet_id,
          name: row.outlet_name ?? '',
          city: row.outlet_city ?? '',
          address: row.outlet_address ?? '',
          latitude: row.outlet_latitude ?? 0,
          longitude: row.outlet_longitude ?? 0,
          hours: row.outlet_hours ?? '',
        })
  return toOrder(row, lines, outlet)
}

/** An order's row, its lines and its outlet as the API shows them: one mapping, for reads and for the order just placed. */
export function toOrder(row: StoredOrder, lines: readonly LineRow[], outlet: Outlet | null): Order {
  return {
    id: row.id,
    status: row.status,
    fulfilment: row.fulfilment,
    items: lines.map((line) => ({
      skuId: line.sku_id,
      productId: line.product_id,
      name: line.name,
      skuName: line.sku_name,
      unitPriceFen: line.unit_price_fen,
      quantity: line.quantity,
      image: productImagePath(line.product_id, 0),
    })),
    itemsFen: row.items_fen,
    deliveryFen: row.delivery_fen,
    totalFen: row.total_fen,
    contact: { name: row.contact_name, phoneMasked: row.phone_masked },
    address: row.address_city !== null && row.address_detail !== null ? { city: row.address_city, detail: row.address_detail } : null,
    outlet,
    note: row.note,
    createdAt: iso(row.created_at),
    paidAt: row.paid_at === null ? null : iso(row.paid_at),
    payBy: row.status === 'pending_payment' && row.pay_by !== null ? iso(row.pay_by) : null,
  }
}

export async function findOrderIdByKey(db: Queryable, userId: string, idempotencyKey: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>('select id from orders where user_id = $1 and idempotency_key = $2', [
    userId,
    idempotencyKey,
  ])
  return row?.id ?? null
}

/** The user's orders, newest first. */
export async function listOrders(db: Queryable, userId: string, page: number, pageSize: number): Promise<Page<OrderSummary>> {
  const [countRows, rows] = await Promise.all([
    db.query<{ total: number }>('select count(*)::int as total from orders where user_id = $1', [userId]),
    db.query<{
      id: string
      status: OrderStatus
      fulfilment: Fulfilment
      total_fen: number
      created_at: Date | string
      item_count: number
      first_name: string
      first_product: string
    }>(
      `select o.id, o.status, o.fulfilment, o.total_fen, o.created_at,
         totals.item_count, first_line.name as first_name, first_line.product_id as first_product
       from orders o
       cross join lateral (select sum(quantity)::int as item_count from order_lines where order_id = o.id) totals
       cross join lateral (select name, product_id from order_lines where order_id = o.id order by position limit 1) first_line
       where o.user_id = $1
       order by o.created_at desc, o.id desc
       limit $2 offset $3`,
      [userId, pageSize, (page - 1) * pageSize],
    ),
  ])
  return {
    items: rows.map((row) => ({
      id: row.id,
      status: row.status,
      fulfilment: row.fulfilment,
      totalFen: row.total_fen,
      itemCount: row.item_count,
      firstItemName: row.first_name,
      image: productImagePath(row.first_product, 0),
      createdAt: iso(row.created_at),
    })),
    page,
    pageSize,
    total: countRows[0]?.total ?? 0,
  }
}
