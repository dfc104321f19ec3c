import type { Outlet } from '../contract'
import type { Database } from '../db/database'
import { SEED_OUTLETS } from './outlet-data'

/** Same lock as a concurrent seeder in another process; distinct from the migration and catalog locks. */
const SEED_LOCK_KEY = 727_003

/** Fills an empty outlets table with the demo outlets; leaves an operator's own outlets alone. */
export async function seedOutlets(db: Database, outlets: readonly Outlet[] = SEED_OUTLETS): Promise<{ seeded: boolean; outlets: number }> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY])
    const [existing] = await tx.query<{ n: number }>('select count(*)::int as n from outlets')
    if (existing && existing.n > 0) return { seeded: false, outlets: 0 }
    for (const [index, outlet] of outlets.entries()) {
      await tx.query(
        `insert into outlets (id, name, city, address, latitude, longitude, hours, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [outlet.id, outlet.name, outlet.city, outlet.address, outlet.latitude, outlet.longitude, outlet.hours, (index + 1) * 10],
      )
    }
    return { seeded: true, outlets: outlets.length }
  })
}
