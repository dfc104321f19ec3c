/**
 * Start-up time of the built server (node server/dist/main.js) against the tsx baseline (the
 * sources through tsx's loader), interleaved in one run on the same migrated PGlite directory:
 * time from spawn to the first 200 from /api/ready. Run `npm run build:server` first.
 *
 *   npx tsx server/scripts/start-time.ts [rounds, default 3]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPgliteDirFromTemplate } from '../test/support/pglite-templates'
import { startServerProcess, type Launcher } from './support/server-process'

async function readyAfterMs(launcher: Launcher, dataDir: string): Promise<number> {
  const started = performance.now()
  const server = await startServerProcess(launcher, { PGLITE_DIR: dataDir, LOG_LEVEL: 'info' })
  try {
    while (!(await fetch(`${server.url}/api/ready`)).ok) await new Promise((resolve) => setTimeout(resolve, 20))
    return performance.now() - started
  } finally {
    await server.stop('SIGTERM')
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'start-time-'))
  try {
    const dataDir = path.join(tmp, 'pglite')
    await createPgliteDirFromTemplate('seeded', dataDir)
    const times: Record<Launcher, number[]> = { built: [], tsx: [] }
    for (let round = 0; round < rounds; round += 1) {
      for (const launcher of ['tsx', 'built'] as const) times[launcher].push(await readyAfterMs(launcher, dataDir))
    }
    const [tsx, built] = [median(times.tsx), median(times.built)]
    process.stdout.write(
      `spawn → /api/ready, median of ${rounds}: tsx ${tsx.toFixed(0)} ms [${times.tsx.map((ms) => ms.toFixed(0)).join(', ')}], ` +
        `built ${built.toFixed(0)} ms [${times.built.map((ms) => ms.toFixed(0)).join(', ')}]; built/tsx = ${(built / tsx).toFixed(2)}\n`,
    )
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
