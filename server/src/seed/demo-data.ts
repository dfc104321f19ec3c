/**
 * The demo catalog (36 products) and the 8 demo outlets. Added only when asked: SEED_DEMO_DATA=1,
 * `--seed-demo-data` (the dev scripts pass it) or `npm run db:seed`; a production start never
 * fills a real shop's database with demo products by itself.
 */
import type { Database } from '../db/database'
import { seedCatalog, type SeedResult } from './seed-catalog'
import { seedOutlets } from './seed-outlets'

export interface DemoDataResult {
  catalog: SeedResult
  outlets: { seeded: boolean; outlets: number }
}

/** Fills empty catalog and outlet tables; tables that already hold rows are left alone. */
export async function seedDemoData(db: Database): Promise<DemoDataResult> {
  return { catalog: await seedCatalog(db), outlets: await seedOutlets(db) }
}

/** The command-line switch the dev scripts use (cross-platform, unlike VAR=1 in an npm script). */
export const SEED_DEMO_DATA_FLAG = '--seed-demo-data'

/** The environment with SEED_DEMO_DATA=1 when the process was started with --seed-demo-data. */
export function withDemoDataFlag(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return argv.includes(SEED_DEMO_DATA_FLAG) ? { ...env, SEED_DEMO_DATA: '1' } : env
}
