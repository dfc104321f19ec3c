/**
 * Jest globalSetup of the server project: builds missing PGlite templates once, before the workers
 * start, so parallel workers do not each run initdb for the same template.
 */
import { ensurePgliteTemplates } from './pglite-templates'

export default async function globalSetup(): Promise<void> {
  await ensurePgliteTemplates()
}
