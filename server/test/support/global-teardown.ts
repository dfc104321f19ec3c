/**
 * Jest globalTeardown (all projects): closes the idle PGlite instances of Jest's main process, which
 * holds them when the tests ran in band (e.g. `npx jest one.test.ts`); workers close their own.
 */
import { closeShelf } from './pglite-shelf'

export default async function globalTeardown(): Promise<void> {
  await closeShelf()
}
