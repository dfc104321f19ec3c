/** One process per PGlite data directory: a live owner is refused, a dead owner's lock is taken over. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DataDirInUseError, dataDirOwner, lockDataDir, lockFileOf } from '../src/db/data-dir-lock'

let dir: string
beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'pglite')
})
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }))

test('a directory held by this process is refused a second time, with the owner named, until released', () => {
  const release = lockDataDir(dir)
  expect(dataDirOwner(dir)).toBe(process.pid)
  expect(() => lockDataDir(dir)).toThrow(DataDirInUseError)
  expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid} (stop that server first)`)
  release()
  expect(fs.existsSync(lockFileOf(dir))).toBe(false)
  lockDataDir(dir)()
})

test('a lock left by a process that died (kill -9) is taken over', () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
  fs.writeFileSync(lockFileOf(dir), `${dead}\n`)
  expect(dataDirOwner(dir)).toBeNull()
  const release = lockDataDir(dir)
  expect(fs.readFileSync(lockFileOf(dir), 'utf8').trim()).toBe(String(process.pid))
  release()
})

test('a lock naming this pid but not taken by this process (a restarted container reuses pids) is stale', () => {
  fs.writeFileSync(lockFileOf(dir), `${process.pid}\n`)
  expect(dataDirOwner(dir)).toBeNull()
  lockDataDir(dir)()
})
