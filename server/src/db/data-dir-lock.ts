import { readFileSync, rmSync, writeFileSync } from 'node:fs'

/**
 * One process at a time on a PGlite data directory. PGlite runs PostgreSQL inside the process and
 * its own postmaster.pid always says -42, so it cannot tell; two processes writing one directory
 * corrupt it. `<dataDir>.lock` holds the owner's pid: a live owner is refused with a clear message,
 * a dead one (kill -9, power loss) is taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The PGlite data directory ${dataDir} is in use by process ${pid} (stop that server first)`)
    this.name = 'DataDirInUseError'
  }
}

/** Directories this process holds: a pid equal to ours in a lock file is ours only if listed here. */
const held = new Set<string>()

export const lockFileOf = (dataDir: string): string => `${dataDir}.lock`

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of a live process holding dataDir, or null. */
export function dataDirOwner(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(lockFileOf(dataDir), 'utf8').trim())
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0) return null
  if (pid === process.pid) return held.has(dataDir) ? pid : null
  return alive(pid) ? pid : null
}

/** Takes the directory for this process; throws DataDirInUseError when a live process holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = lockFileOf(dataDir)
  // 'wx' creates only if absent, so two processes starting at once cannot both take it.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' })
      held.add(dataDir)
      return () => {
        held.delete(dataDir)
        rmSync(lockFile, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = dataDirOwner(dataDir)
    if (owner !== null) throw new DataDirInUseError(dataDir, owner)
    rmSync(lockFile, { force: true }) // left by a process that died
  }
  throw new Error(`Could not take ${lockFile}: another process keeps taking it`)
}
