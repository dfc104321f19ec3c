/**
 * Issue 11 item 7: the production server is the BUILT JavaScript under plain node (no TypeScript
 * loader), and it shuts down gracefully: on SIGTERM it stops accepting connections, lets the
 * request in flight finish (200), closes the database and exits 0; a request that outlives the
 * drain time (SHUTDOWN_TIMEOUT_SECONDS) has its connection cut and the exit code says so.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import './support/outside-jest' // before PGlite loads
import { lockFileOf } from '../src/db/data-dir-lock'
import { BUILT_MAIN, REPO_DIR, startServerProcess, type ServerProcess } from '../scripts/support/server-process'
import { writePgliteTemplate } from './support/pglite-templates'

/** Building and starting processes on a busy 2-core machine can take minutes; these only catch hangs. */
const BUILD_LIMIT_MS = 300_000
const STEP_LIMIT_MS = 300_000

let tmp: string
let dataDir: string

beforeAll(async () => {
  // The same emit as `npm run build:server`; --noCheck because npm test type-checks these sources already.
  await promisify(execFile)(process.execPath, [path.join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'server/tsconfig.build.json', '--noCheck'], { cwd: REPO_DIR })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-server-'))
  dataDir = path.join(tmp, 'pglite')
  await writePgliteTemplate('seeded', dataDir)
}, BUILD_LIMIT_MS)

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Connects, or resolves to the error code (ECONNREFUSED once the listener is closed). */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })
}

async function waitUntilRefused(port: number): Promise<void> {
  while ((await connectOutcome(port)) === 'connected') await new Promise((resolve) => setTimeout(resolve, 50))
}

/**
 * A login request whose body is held back: the headers carry `Expect: 100-continue`, so the
 * server's "100 Continue" proves it has the request in hand (in flight) before the test goes on.
 */
async function holdRequest(port: number): Promise<{ socket: net.Socket; finish(): Promise<string>; closed: Promise<string> }> {
  const body = JSON.stringify({ code: 'drain-test-user' })
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)))
  socket.on('error', () => undefined)
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  )
  while (!received.includes('100 Continue')) {
    if (socket.destroyed) throw new Error(`connection closed before 100 Continue: ${received}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  received = ''
  return {
    socket,
    closed,
    async finish() {
      socket.end(body)
      return closed
    },
  }
}

describe('the built server (node server/dist/server/src/main.js)', () => {
  let server: ServerProcess | undefined
  afterEach(async () => {
    await server?.stop('SIGKILL')
    server = undefined
  })

  test('runs under plain node: liveness, readiness and the catalog answer', async () => {
    expect(fs.existsSync(BUILT_MAIN)).toBe(true)
    // The contract compiles into server/dist too, never next to its sources (Taro would bundle a .js twin).
    expect(fs.readdirSync(path.join(REPO_DIR, 'contract')).filter((name) => !name.endsWith('.ts'))).toEqual([])
    server = await startServerProcess('built', { PGLITE_DIR: dataDir })
    expect(server.child.spawnargs.join(' ')).not.toMatch(/tsx|ts-node|\.ts\b/)
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'pglite' })
    const ready = await fetch(`${server.url}/api/ready`)
    expect(ready.status).toBe(200)
    const migrations = fs.readdirSync(path.join(REPO_DIR, 'server', 'migrations')).filter((name) => name.endsWith('.sql')).length
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite', migrations })
    const categories = (await (await fetch(`${server.url}/api/categories`)).json()) as { items: unknown[] }
    expect(categories.items).toHaveLength(6)
  }, STEP_LIMIT_MS)

  test('SIGTERM: the request in flight completes with 200, new connections are refused, the database is closed, exit 0', async () => {
    server = await startServerProcess('built', { PGLITE_DIR: dataDir })
    const held = await holdRequest(server.port)
    server.child.kill('SIGTERM')
    await waitUntilRefused(server.port)
    expect(await connectOutcome(server.port)).toBe('ECONNREFUSED')
    const response = await held.finish()
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(response.toLowerCase()).toContain('connection: close')
    expect(response).toContain('"token"')
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.output()).toContain('"outcome":"drained"')
    // The database was closed, so the data directory's lock is gone.
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false)
  }, STEP_LIMIT_MS)

  test('a request that outlives SHUTDOWN_TIMEOUT_SECONDS has its connection cut; exit 1 says so', async () => {
    server = await startServerProcess('built', { PGLITE_DIR: dataDir, SHUTDOWN_TIMEOUT_SECONDS: '1' })
    const held = await holdRequest(server.port)
    server.child.kill('SIGTERM')
    // The body never comes: the server cuts the connection after the drain time, without a response.
    expect(await held.closed).toBe('')
    expect(await server.exited).toEqual({ code: 1, signal: null })
    expect(server.output()).toContain('"outcome":"cut"')
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false)
  }, STEP_LIMIT_MS)
})
