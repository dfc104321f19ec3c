import type { Store } from '../contract'
import type { Database } from '../db/database'
import { SEED_STORES } from './store-data'

/** Same lock as a concurrent seeder in another process; distinct from the migration and catalog locks. */
const SEED_LOCK_KEY = 727_003

/** Fills an empty stores table with the demo stores; leaves an operator's own stores alone. */
export async function seedStores(db: Database, stores: readonly Store[] = SEED_STORES): Promise<{ seeded: boolean; stores: number }> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY])
    const [existing] = await tx.query<{ n: number }>('select count(*)::int as n from stores')
    if (existing && existing.n > 0) return { seeded: false, stores: 0 }
    for (const [index, store] of stores.entries()) {
      await tx.query(
        `insert into stores (id, name, city, address, latitude, longitude, hours, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [store.id, store.name, store.city, store.address, store.latitude, store.longitude, store.hours, (index + 1) * 10],
      )
    }
    return { seeded: true, stores: stores.length }
  })
}
