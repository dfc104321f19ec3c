/** Timings and sizes gathered during the run, written to .tmp/e2e/report.json at the end. */
import fs from 'node:fs'
import path from 'node:path'
import type { E2E } from './harness'
import { OUT_DIR } from './harness'

const timings: Record<string, number> = {}

export function recordTiming(name: string, ms: number): void {
  timings[name] = Math.round(ms)
}

export async function writeReport(e2e: E2E | undefined): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const report = { timings, externalRequests: e2e?.externalRequests ?? [], pageErrors: e2e?.pageErrors ?? [] }
  fs.writeFileSync(path.join(OUT_DIR, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
}
