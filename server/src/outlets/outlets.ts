import type { Outlet } from '../contract'
import type { Queryable } from '../db/database'

const EARTH_RADIUS_M = 6_371_008.8

const radians = (degrees: number): number => (degrees * Math.PI) / 180

/** Great-circle distance in metres (haversine); plenty for "which outlet is closest". */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude)
  const dLon = radians(b.longitude - a.longitude)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

interface OutletRow {
  id: string
  name: string
  city: string
  address: string
  latitude: number
  longitude: number
  hours: string
}

export const OUTLET_COLUMNS = 's.id, s.name, s.city, s.address, s.latitude, s.longitude, s.hours'

export function toOutlet(row: OutletRow): Outlet {
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    address: row.address,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    hours: row.hours,
  }
}

export async function listOutlets(db: Queryable): Promise<Outlet[]> {
  const rows = await db.query<OutletRow>(`select ${OUTLET_COLUMNS} from outlets s order by s.sort_order, s.id`)
  return rows.map(toOutlet)
}

export async function getOutlet(db: Queryable, id: string): Promise<Outlet | null> {
  const [row] = await db.query<OutletRow>(`select ${OUTLET_COLUMNS} from outlets s where s.id = $1`, [id])
  return row ? toOutlet(row) : null
}

/** Every city with a outlet, in the outlets' order (so the list reads like the outlet list). */
export function citiesOf(outlets: readonly Outlet[]): string[] {
  return [...new Set(outlets.map((outlet) => outlet.city))]
}

export const NEAREST_LIMIT = 5

/**
 * The closest outlets to a point, nearest first. The point is used for this answer only and never
 * stored or logged (WX-LOC-4); with a handful of outlets, computing in memory beats a geo index.
 */
export function nearestOutlets(outlets: readonly Outlet[], point: { latitude: number; longitude: number }) {
  return outlets
    .map((outlet) => ({ ...outlet, distanceMeters: Math.round(distanceMeters(point, outlet)) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id.localeCompare(b.id))
    .slice(0, NEAREST_LIMIT)
}

export async function saveOutletChoice(db: Queryable, userId: string, outletId: string | null, now: Date): Promise<void> {
  if (outletId === null) {
    await db.query('delete from user_preferences where user_id = $1', [userId])
    return
  }
  await db.query(
    `insert into user_preferences (user_id, outlet_id, outlet_saved_at) values ($1, $2, $3::timestamptz)
     on conflict (user_id) do update set outlet_id = excluded.outlet_id, outlet_saved_at = excluded.outlet_saved_at`,
    [userId, outletId, now.toISOString()],
  )
}
