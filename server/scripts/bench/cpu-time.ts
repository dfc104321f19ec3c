import { readFileSync } from 'node:fs'

/** Linux reports a process's CPU time in clock ticks, 100 per second on every kernel we run on. */
const MS_PER_TICK = 10

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; null where
 * there is no /proc (the bench then reports no CPU figures). CPU time, unlike wall time, does not
 * grow while a process waits for a core that other work holds, so on a loaded machine it is the
 * steadier measure of what a request costs.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const user = Number(fields[11])
    const system = Number(fields[12])
    return Number.isFinite(user) && Number.isFinite(system) ? (user + system) * MS_PER_TICK : null
  } catch {
    return null
  }
}
