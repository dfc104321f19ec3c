/**
 * The server as a real child process on 127.0.0.1 at a port of its choosing (PORT=0), for tests and
 * scripts that need signals, kill -9 and restarts: the built output under plain node, or the
 * TypeScript sources under tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export const REPO_DIR = path.resolve(__dirname, '..', '..', '..')
export const BUILT_MAIN = path.join(REPO_DIR, 'server', 'dist', 'main.js')

/**
 * 'built': `node server/dist/main.js` (npm run build:server first); 'tsx': the sources through tsx's
 * loader in the same process (`node --import tsx`). Not tsx's CLI: it runs the server in a second
 * process, so a SIGKILL would end the CLI and leave the server running.
 */
export type Launcher = 'built' | 'tsx'

export function serverCommand(launcher: Launcher): string[] {
  return launcher === 'built' ? ['--enable-source-maps', BUILT_MAIN] : ['--import', 'tsx', path.join(REPO_DIR, 'server', 'src', 'main.ts')]
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcess
  /** Resolves when the process has ended. */
  exited: Promise<Exit>
  /** Everything it printed so far (for failure messages). */
  output(): string
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>
}

const LISTENING = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:(\d+))"/

/**
 * Starts the server with `env` on top of this process's environment (PORT=0, HOST=127.0.0.1 and
 * LOG_LEVEL=info, which prints the address, unless env says otherwise); resolves once it listens.
 * startLimitMs only catches a hung start: a fresh PGlite runs initdb, minutes on a busy machine.
 */
export function startServerProcess(launcher: Launcher, env: NodeJS.ProcessEnv, startLimitMs = 300_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverCommand(launcher), {
    cwd: REPO_DIR,
    env: { ...process.env, DATABASE_URL: '', SEED_DEMO_DATA: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not listen within ${startLimitMs} ms`), startLimitMs)
    function fail(reason: string): void {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`server (${launcher}) ${reason}\n${log}`))
    }
    const onOutput = (chunk: Buffer): void => {
      const before = log.length
      log += chunk.toString()
      const match = LISTENING.exec(log.slice(Math.max(0, before - 200)))
      if (!match?.[1] || !match[2]) return
      clearTimeout(timer)
      const url = match[1]
      resolve({
        url,
        port: Number(match[2]),
        child,
        exited,
        output: () => log,
        async stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          return exited
        },
      })
    }
    child.stdout.on('data', onOutput)
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    void exited.then((exit) => fail(`exited (${exit.code ?? exit.signal}) before listening`))
  })
}
