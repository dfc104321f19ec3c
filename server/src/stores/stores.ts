import type { Store } from '../contract'
import type { Queryable } from '../db/database'

const EARTH_RADIUS_M = 6_371_008.8

const radians = (degrees: number): number => (degrees * Math.PI) / 180

/** Great-circle distance in metres (haversine); plenty for "which store is closest". */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude)
  const dLon = radians(b.longitude - a.longitude)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

interface StoreRow {
  id: string
  name: string
  city: string
  address: string
  latitude: number
  longitude: number
  hours: string
}

export const STORE_COLUMNS = 's.id, s.name, s.city, s.address, s.latitude, s.longitude, s.hours'

export function toStore(row: StoreRow): Store {
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

export async function listStores(db: Queryable): Promise<Store[]> {
  const rows = await db.query<StoreRow>(`select ${STORE_COLUMNS} from stores s order by s.sort_order, s.id`)
  return rows.map(toStore)
}

export async function getStore(db: Queryable, id: string): Promise<Store | null> {
  const [row] = await db.query<StoreRow>(`select ${STORE_COLUMNS} from stores s where s.id = $1`, [id])
  return row ? toStore(row) : null
}

/** Every city with a store, in the stores' order (so the list reads like the store list). */
export function citiesOf(stores: readonly Store[]): string[] {
  return [...new Set(stores.map((store) => store.city))]
}

export const NEAREST_LIMIT = 5

/**
 * The closest stores to a point, nearest first. The point is used for this answer only and never
 * stored or logged (WX-LOC-4); with a handful of stores, computing in memory beats a geo index.
 */
export function nearestStores(stores: readonly Store[], point: { latitude: number; longitude: number }) {
  return stores
    .map((store) => ({ ...store, distanceMeters: Math.round(distanceMeters(point, store)) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id.localeCompare(b.id))
    .slice(0, NEAREST_LIMIT)
}

export async function saveStoreChoice(db: Queryable, userId: string, storeId: string | null, now: Date): Promise<void> {
  if (storeId === null) {
    await db.query('delete from user_preferences where user_id = $1', [userId])
    return
  }
  await db.query(
    `insert into user_preferences (user_id, store_id, store_saved_at) values ($1, $2, $3::timestamptz)
     on conflict (user_id) do update set store_id = excluded.store_id, store_saved_at = excluded.store_saved_at`,
    [userId, storeId, now.toISOString()],
  )
}
