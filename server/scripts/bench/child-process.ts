import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { FromChild, ToChild } from './protocol'

/** A child server (app or ceiling) driven over IPC; it listens on 127.0.0.1 at a port of its choosing. */
export class BenchChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(script: 'app-server' | 'ceiling-server', args: string[], env: NodeJS.ProcessEnv = {}): Promise<BenchChild> {
    const child = fork(path.join(__dirname, `${script}.ts`), args, {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    // Generous: starting PGlite runs initdb, which takes minutes on a busy shared machine.
    const first = await nextMessage(child, 600_000)
    if (first.type !== 'listening') {
      child.kill()
      throw new Error(`${script} failed to start: ${first.type === 'failed' ? first.message : first.type}`)
    }
    return new BenchChild(child, first.port)
  }

  /** The child's process id (its CPU time is read from /proc by the bench). */
  get pid(): number | undefined {
    return this.child.pid
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async ask(message: ToChild): Promise<FromChild> {
    const answer = nextMessage(this.child, 60_000)
    this.child.send(message)
    const reply = await answer
    if (reply.type === 'failed') throw new Error(reply.message)
    return reply
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.send({ type: 'close' } satisfies ToChild)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
}

function nextMessage(child: ChildProcess, timeoutMs: number): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer from the child within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: unknown) => done(null, message as FromChild)
    const onExit = (code: number | null) => done(new Error(`child exited (${code ?? 'signal'}) before answering`))
    function done(error: Error | null, message?: FromChild): void {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else if (message) resolve(message)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

/** How a child answers the orchestrator: one reply per message, `failed` on any error. */
export function serveMessages(handle: (message: ToChild) => Promise<FromChild | 'exit'>): void {
  process.on('message', (message: ToChild) => {
    handle(message)
      .then((reply) => {
        if (reply === 'exit') process.exit(0)
        process.send?.(reply)
      })
      .catch((error: unknown) => process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromChild))
  })
}
