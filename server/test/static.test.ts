import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from './support/catalog-app'
import type { Database } from '../src/db/database'
import { contentTypeFor, resolveStaticFile } from '../src/routes/static'
import { expectError, get } from './support/http'

/** Static serving never touches the database; health answers from this stub. */
const stubDb: Database = {
  kind: 'pglite',
  query: <T extends object>() => Promise.resolve([] as T[]),
  exec: () => Promise.resolve(),
  transaction: () => Promise.reject(new Error('not used')),
  close: () => Promise.resolve(),
}

let sandbox: string
let root: string
let app: FastifyInstance

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(tmpdir(), 'h5-'))
  root = path.join(sandbox, 'dist-h5')
  await mkdir(path.join(root, 'js'), { recursive: true })
  await mkdir(path.join(root, 'css'))
  await mkdir(path.join(root, 'sub'))
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>小铺</title>')
  await writeFile(path.join(root, 'js', 'app.1234abcd.js'), 'console.log(1)')
  await writeFile(path.join(root, 'css', 'app.css'), 'body{}')
  await writeFile(path.join(root, 'sub', 'index.html'), 'sub index')
  await writeFile(path.join(root, '.env'), 'SECRET=1')
  await writeFile(path.join(sandbox, 'secret.txt'), 'outside the root')
  await symlink(path.join(sandbox, 'secret.txt'), path.join(root, 'link-out.txt'))
  app = await buildTestApp({ db: stubDb, serveH5Dir: root })
})

afterAll(async () => {
  await app.close()
  await rm(sandbox, { recursive: true, force: true })
})

test('/ serves index.html as HTML that is revalidated', async () => {
  const response = await get(app, '/')
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(response.headers['cache-control']).toBe('no-cache')
  expect(response.body).toContain('小铺')
})

test('assets get their content types', async () => {
  const js = await get(app, '/js/app.1234abcd.js')
  expect(js.statusCode).toBe(200)
  expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
  expect(js.body).toBe('console.log(1)')
  const css = await get(app, '/css/app.css?v=2')
  expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  expect((await get(app, '/sub/')).body).toBe('sub index')
  expect(contentTypeFor('a.png')).toBe('image/png')
  expect(contentTypeFor('a.unknown')).toBe('application/octet-stream')
})

test('HEAD returns the headers without a body', async () => {
  const response = await app.inject({ method: 'HEAD', url: '/js/app.1234abcd.js' })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
  expect(response.body).toBe('')
})

test('the API still answers next to the static files', async () => {
  expect((await get(app, '/api/health')).statusCode).toBe(200)
  // An unknown API path is an API 404, not index.html.
  expectError(await get(app, '/api/nope'), 404, 'NOT_FOUND')
})

test.each([
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/..%2fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/js/../../secret.txt',
  '/js/%2e%2e/%2e%2e/secret.txt',
  '/..%5csecret.txt',
  '/link-out.txt',
  '/.env',
  '/js/%00.js',
  '/missing.js',
])('path traversal or missing file %s is a 404 JSON', async (url) => {
  const response = await get(app, url)
  expect(response.body).not.toContain('outside the root')
  expect(response.body).not.toContain('SECRET')
  expectError(response, 404, 'NOT_FOUND')
})

test('resolveStaticFile keeps every candidate inside the root', async () => {
  const realRoot = await realpath(root)
  expect(await resolveStaticFile(realRoot, '/js/app.1234abcd.js')).toBe(path.join(realRoot, 'js', 'app.1234abcd.js'))
  expect(await resolveStaticFile(realRoot, '/')).toBe(path.join(realRoot, 'index.html'))
  for (const attempt of ['/../secret.txt', '/js/../../secret.txt', '/..%2fsecret.txt', '/link-out.txt', '/%E0%A4%A']) {
    expect(await resolveStaticFile(realRoot, attempt)).toBeNull()
  }
})

test('without SERVE_H5_DIR nothing is served at /', async () => {
  const apiOnly = await buildTestApp({ db: stubDb })
  try {
    expectError(await get(apiOnly, '/'), 404, 'NOT_FOUND')
    expectError(await get(apiOnly, '/index.html'), 404, 'NOT_FOUND')
  } finally {
    await apiOnly.close()
  }
})
