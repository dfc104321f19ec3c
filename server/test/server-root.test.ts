import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findServerRoot, SERVER_ROOT } from '../src/server-root'

describe('the server root (migrations/ and .data/ are found from the sources and from the build alike)', () => {
  test('from the sources it is server/', () => {
    expect(SERVER_ROOT).toBe(path.resolve(__dirname, '..'))
  })

  test('from the build layout server/dist/server/src/db it walks up to server/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'server-root-'))
    try {
      fs.mkdirSync(path.join(root, 'server', 'migrations'), { recursive: true })
      const built = path.join(root, 'server', 'dist', 'server', 'src', 'db')
      fs.mkdirSync(built, { recursive: true })
      expect(findServerRoot(built)).toBe(path.join(root, 'server'))
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })

  test('with no migrations folder above, it says so instead of guessing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'server-root-'))
    try {
      expect(() => findServerRoot(root)).toThrow(/no server\/migrations folder above/)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
