import { MyDataSchema, NearestOutletsSchema, OutletListSchema } from '../src/contract'
import { SEED_OUTLETS } from '../src/seed/outlet-data'
import { distanceMeters } from '../src/outlets/outlets'
import { call, login } from './support/accounts'
import { describeWithApp } from './support/describe-with-app'
import { bodyOf, expectError, get } from './support/http'

test('haversine distances are right to a few metres', () => {
  // 静安寺 → 陆家嘴 is about 5.8 km; a degree of latitude is about 111.2 km.
  expect(distanceMeters({ latitude: 31.2236, longitude: 121.4467 }, { latitude: 31.2393, longitude: 121.5057 })).toBeGreaterThan(5500)
  expect(distanceMeters({ latitude: 31.2236, longitude: 121.4467 }, { latitude: 31.2393, longitude: 121.5057 })).toBeLessThan(6100)
  expect(Math.round(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }) / 100)).toBe(1112)
})

describeWithApp('outlets', (ctx) => {

  test('WX-LOC-3: the outlet list with its cities works without login or location', async () => {
    const list = bodyOf(await get(ctx.app, '/api/outlets'), OutletListSchema)
    expect(list.items.map((outlet) => outlet.id)).toEqual(SEED_OUTLETS.map((outlet) => outlet.id))
    expect(list.cities).toEqual(['上海', '杭州', '北京', '深圳'])
    for (const outlet of list.items) {
      // GCJ-02 coordinates inside mainland China.
      expect(outlet.latitude).toBeGreaterThan(18)
      expect(outlet.latitude).toBeLessThan(54)
      expect(outlet.longitude).toBeGreaterThan(73)
      expect(outlet.longitude).toBeLessThan(135)
    }
  })

  test('nearest outlets: closest first, at most 5, with whole-metre distances', async () => {
    const { items } = bodyOf(await get(ctx.app, '/api/outlets/nearest?latitude=31.2240&longitude=121.4470'), NearestOutletsSchema)
    expect(items).toHaveLength(5)
    expect(items.map((outlet) => outlet.id).slice(0, 3)).toEqual(['sh-jingan', 'sh-xujiahui', 'sh-lujiazui'])
    expect(items[0]?.distanceMeters).toBeLessThan(100)
    const distances = items.map((outlet) => outlet.distanceMeters)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(distances.every(Number.isInteger)).toBe(true)
    const beijing = bodyOf(await get(ctx.app, '/api/outlets/nearest?latitude=39.9&longitude=116.4'), NearestOutletsSchema)
    expect(beijing.items[0]?.city).toBe('北京')
  })

  test.each([
    ['', 'latitude is required'],
    ['latitude=31.2', 'longitude is required'],
    ['latitude=abc&longitude=121', 'latitude must be a number'],
    ['latitude=91&longitude=121', 'latitude must be <= 90'],
    ['latitude=-90.5&longitude=121', 'latitude must be >= -90'],
    ['latitude=31&longitude=181', 'longitude must be <= 180'],
    ['latitude=31&longitude=-180.01', 'longitude must be >= -180'],
    ['latitude=31&longitude=Infinity', 'longitude must be a finite number'],
    ['latitude=-Infinity&longitude=121', 'latitude must be a finite number'],
  ])('nearest?%s → 400 %s', async (query, message) => {
    expect(expectError(await get(ctx.app, `/api/outlets/nearest?${query}`), 400, 'BAD_REQUEST').error.message).toBe(message)
  })

  test('WX-LOC-4: the location is used for the answer only — it is stored nowhere', async () => {
    await get(ctx.app, '/api/outlets/nearest?latitude=30.123456789&longitude=120.987654321')
    const tables = await ctx.db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
    )
    for (const { table_name: table } of tables) {
      const rows = await ctx.db.query<{ row: string }>(`select t::text as row from "${table}" t`)
      const text = rows.map((row) => row.row).join('\n')
      expect({ table, stored: text.includes('30.123456') || text.includes('120.987654') }).toEqual({ table, stored: false })
    }
  })

  test('WX-DATA-2: a saved outlet shows in my data; null forgets it', async () => {
    const { token } = await login(ctx.app)
    const save = await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'hz-hubin' } })
    expect(save.statusCode).toBe(204)
    const data = bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema)
    expect(data.savedOutlet).toMatchObject({ outletId: 'hz-hubin', name: '鲜选生活 湖滨店' })
    expect((await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: null } })).statusCode).toBe(204)
    expect(bodyOf(await call(ctx.app, 'GET', '/api/me/data', { token }), MyDataSchema).savedOutlet).toBeNull()
  })

  test('saving a outlet: unknown outlet 400, bad body 400, no login 401', async () => {
    const { token } = await login(ctx.app)
    expectError(await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'nowhere' } }), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 'Bad Id!' } }), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: {} }), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'PUT', '/api/me/outlet', { token, json: { outletId: 5 } }), 400, 'BAD_REQUEST')
    expectError(await call(ctx.app, 'PUT', '/api/me/outlet', { json: { outletId: 'sh-jingan' } }), 401, 'UNAUTHORIZED')
  })
})
