/**
 * The demo catalog (36 products) and the 8 demo stores. Added only when asked: SEED_DEMO_DATA=1,
 * `--seed-demo-data` (the dev scripts pass it) or `npm run db:seed`; a production start never
 * fills a real shop's database with demo products by itself.
 */
import type { Database } from '../db/database'
import { seedCatalog, type SeedResult } from './seed-catalog'
import { seedStores } from './seed-stores'

export interface DemoDataResult {
  catalog: SeedResult
  stores: { seeded: boolean; stores: number }
}

/** Fills empty catalog and store tables; tables that already hold rows are left alone. */
export async function seedDemoData(db: Database): Promise<DemoDataResult> {
  return { catalog: await seedCatalog(db), stores: await seedStores(db) }
}

/** The command-line switch the dev scripts use (cross-platform, unlike VAR=1 in an npm script). */
export const SEED_DEMO_DATA_FLAG = '--seed-demo-data'

/** The environment with SEED_DEMO_DATA=1 when the process was started with --seed-demo-data. */
export function withDemoDataFlag(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return argv.includes(SEED_DEMO_DATA_FLAG) ? { ...env, SEED_DEMO_DATA: '1' } : env
}
