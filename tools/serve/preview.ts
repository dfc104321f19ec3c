/**
 * `npm run preview`: the production H5 build and the API from one origin, on the persistent
 * embedded database (server/.data/), at http://127.0.0.1:$PORT (default 3030).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')
const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/src/main.ts'], {
  cwd: root,
  // A local preview: the demo catalog and outlets unless SEED_DEMO_DATA=0.
  env: { ...process.env, SERVE_H5_DIR: process.env.SERVE_H5_DIR ?? path.join(root, 'dist-h5'), SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? '1' },
  stdio: 'inherit',
})
process.stdout.write(`preview: open http://127.0.0.1:${process.env.PORT ?? '3030'}/ once the server is listening\n`)
const forward = (signal: NodeJS.Signals) => child.kill(signal)
process.on('SIGINT', forward)
process.on('SIGTERM', forward)
child.on('exit', (code) => process.exit(code ?? 0))
