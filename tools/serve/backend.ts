/**
 * Starts the reference backend as a child process on a free loopback port (fresh in-memory
 * database by default) and waits until /api/health answers. Used by the smoke and e2e runs.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

export interface RunningBackend {
  url: string
  port: number
  stop(): Promise<void>
  /** Everything the server printed, for failure reports. */
  output(): string
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited with code ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`backend did not answer ${url}/api/health within ${timeoutMs} ms`)
}

/** `healthTimeoutMs` (default 3 min) only catches a hung start: a busy 2-core machine can take over 60 s. */
export async function startBackend(
  options: { serveH5Dir?: string; env?: Record<string, string>; args?: string[]; healthTimeoutMs?: number } = {},
): Promise<RunningBackend> {
  const root = path.resolve(__dirname, '..', '..')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let log = ''
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/src/main.ts', ...(options.args ?? [])], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      // A throwaway database for smoke and e2e runs: the demo catalog and outlets are wanted.
      SEED_DEMO_DATA: '1',
      ...(options.serveH5Dir ? { SERVE_H5_DIR: path.resolve(root, options.serveH5Dir) } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })

  try {
    await waitForHealth(url, child, options.healthTimeoutMs ?? 180_000)
  } catch (error) {
    await stop()
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`)
  }
  return { url, port, stop, output: () => log }
}
