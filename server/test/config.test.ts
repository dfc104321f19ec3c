import path from 'node:path'
import { DEFAULT_PGLITE_DIR, loadConfig } from '../src/config'

test('defaults: port 3030 on 127.0.0.1, PGlite under server/.data, no H5, info logs', () => {
  expect(loadConfig({}, '/srv')).toEqual({
    port: 3030,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: DEFAULT_PGLITE_DIR },
    serveH5Dir: null,
    logLevel: 'info',
  })
  expect(DEFAULT_PGLITE_DIR.endsWith(path.join('server', '.data', 'pglite'))).toBe(true)
})

test('DATABASE_URL selects PostgreSQL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/shop' })
  expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5433/shop' })
})

test('PGLITE_DIR accepts memory:// and resolves relative paths from the cwd', () => {
  expect(loadConfig({ PGLITE_DIR: 'memory://' }).database).toEqual({ kind: 'pglite', dataDir: 'memory://' })
  expect(loadConfig({ PGLITE_DIR: 'data/db' }, '/srv').database).toEqual({ kind: 'pglite', dataDir: '/srv/data/db' })
})

test('PORT, HOST, SERVE_H5_DIR and LOG_LEVEL are read', () => {
  const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SERVE_H5_DIR: 'dist-h5', LOG_LEVEL: 'WARN' }, '/repo')
  expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', serveH5Dir: '/repo/dist-h5', logLevel: 'warn' })
})

test('empty values fall back to defaults', () => {
  expect(loadConfig({ PORT: '', DATABASE_URL: ' ', SERVE_H5_DIR: '' })).toMatchObject({
    port: 3030,
    database: { kind: 'pglite' },
    serveH5Dir: null,
  })
})

test('bad values fail with a message naming the variable', () => {
  expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT must be an integer from 1 to 65535')
  expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT')
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must start with postgres://')
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of')
})
