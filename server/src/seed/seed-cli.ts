/**
 * `npm run db:seed`: migrates the configured database (DATABASE_URL or PGLITE_DIR) and adds the
 * demo catalog and outlets to empty tables. Stop a server that uses the same PGlite folder first.
 */
import { loadConfig } from '../config'
import { migrate } from '../db/migrate'
import { openDatabase } from '../db/open'
import { seedDemoData } from './demo-data'

async function main(): Promise<void> {
  const config = loadConfig()
  const db = await openDatabase(config.database)
  try {
    await migrate(db)
    const { catalog, outlets } = await seedDemoData(db)
    process.stdout.write(
      `${db.kind}: catalog ${catalog.seeded ? `seeded (${catalog.categories} categories, ${catalog.products} products)` : 'already has categories, left alone'}; ` +
        `outlets ${outlets.seeded ? `seeded (${outlets.outlets})` : 'already has outlets, left alone'}\n`,
    )
  } finally {
    await db.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`db:seed failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
