/**
 * The response guards are generated from the contract's TypeBox schemas (`npm run gen:guards`).
 * These tests check the committed file is what the generator writes today, and that the generated
 * code enforces everything a schema says — on the real contract and on small schemas of its own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { transformSync } from '@swc/core'
import * as contract from '@contract/schemas'
import { isMyData } from '@/services/api/generated/is-my-data'
import { isOrder } from '@/services/api/generated/is-order'
import { isPaymentStart } from '@/services/api/generated/is-payment-start'
import { currentGuards, GUARDS_DIR, staleness } from '../../tools/contract/gen-guards'
import { renderGuards } from '../../tools/contract/guards-generator'

type Guard = (value: unknown) => boolean

/** Renders guards for `schemas` and loads the modules, as the app would run them: name → guard. */
function compile(schemas: Record<string, unknown>): Record<string, Guard> {
  const names = Object.keys(schemas).map((name) => name.replace(/Schema$/, ''))
  const files = renderGuards({ contract: schemas, typeNames: new Set(names), importPath: './types' })
  const loaded = new Map<string, Record<string, Guard>>()
  const load = (file: string): Record<string, Guard> => {
    const cached = loaded.get(file)
    if (cached) return cached
    const source = files[file]
    if (source === undefined) throw new Error(`no generated file ${file}`)
    const exported: Record<string, Guard> = {}
    loaded.set(file, exported)
    // SWC, as Jest compiles the app (tools/jest/swc-transform.js): TypeScript's own compiler API
    // would add 60,000 lines of declarations to the type-check of the client program.
    const js = transformSync(source, { filename: file, swcrc: false, configFile: false, module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2019' } }).code
    new Function('exports', 'require', js)(exported, (request: string) => load(`${request.replace(/^\.\//, '')}.ts`))
    return exported
  }
  return Object.assign({}, ...Object.keys(files).map(load)) as Record<string, Guard>
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

// Shaped as the contract says (the schemas are the point here, not a server's answer).
const ORDER_FIXTURE = {
  id: 'o_0001',
  status: 'pending_payment',
  fulfilment: 'pickup',
  items: [{ skuId: 'p001-1', productId: 'p001', name: '烟台红富士苹果', skuName: '5斤装', unitPriceFen: 3990, quantity: 2, image: '/api/images/products/p001/0.png' }],
  itemsFen: 7980,
  deliveryFen: 0,
  totalFen: 7980,
  contact: { name: '王小明', phoneMasked: null },
  address: null,
  outlet: { id: 'sh-jingan', name: '静安寺店', city: '上海', address: '静安区南京西路1788号', latitude: 31.2236, longitude: 121.4467, hours: '08:00-22:00' },
  note: '',
  createdAt: '2026-11-21T08:30:00.000Z',
  paidAt: null,
  payBy: '2026-11-21T08:45:00.000Z',
}

const MY_DATA = {
  profile: { id: 'u1', nickname: '小明', avatarUrl: null, phoneMasked: '138****8000', createdAt: '2026-11-21T08:00:00.000Z' },
  phone: { masked: '138****8000', source: 'manual', savedAt: '2026-11-21T08:00:00.000Z' },
  savedOutlet: { outletId: 's1', name: '南京东路店', savedAt: '2026-11-21T08:00:00.000Z' },
  subscriptions: [{ templateId: 't1', title: '发货通知', orderId: 'o1', decision: 'accept', sent: false, createdAt: '2026-11-21T08:00:00.000Z' }],
  orderCount: 1,
  activeSessions: 1,
}

describe('gen:guards', () => {
  it('the committed guards are what the generator writes from contract/schemas.ts today', () => {
    expect(staleness(GUARDS_DIR)).toBeNull()
  })

  it('a stale copy fails the freshness check and says how to fix it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guards-'))
    for (const [name, content] of Object.entries(currentGuards())) fs.writeFileSync(path.join(dir, name), content)
    expect(staleness(dir)).toBeNull()
    // What an edit to a schema without regenerating leaves behind: one check missing.
    const file = path.join(dir, 'is-my-data.ts')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('isString(v.savedOutlet.savedAt)', 'true'))
    expect(staleness(dir)).toMatch(/is stale \(is-my-data\.ts\): run `npm run gen:guards`/)
    // A guard left behind after its schema was removed is stale too.
    fs.writeFileSync(path.join(dir, 'is-gone.ts'), '')
    expect(staleness(dir)).toMatch(/is-gone\.ts/)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a schema that has no type of the same name to narrow to', () => {
    expect(() => renderGuards({ contract: { ThingSchema: Type.String() }, typeNames: new Set(), importPath: './x' })).toThrow(/ThingSchema/)
  })

  it('MyData: every nested field is checked, including savedOutlet.savedAt', () => {
    expect(isMyData(MY_DATA)).toBe(true)
    const missingSavedAt = clone(MY_DATA) as { savedOutlet: Record<string, unknown> }
    delete missingSavedAt.savedOutlet.savedAt
    expect(isMyData(missingSavedAt)).toBe(false)
    expect(isMyData({ ...MY_DATA, savedOutlet: null, phone: null })).toBe(true)
    expect(isMyData({ ...MY_DATA, phone: { ...MY_DATA.phone, source: 'sms' } })).toBe(false)
    expect(isMyData({ ...MY_DATA, subscriptions: [{ ...MY_DATA.subscriptions[0], sent: 'no' }] })).toBe(false)
    expect(isMyData({ ...MY_DATA, orderCount: 1.5 })).toBe(false)
  })

  it('Order: literals, nullable fields, nested objects and number ranges', () => {
    expect(isOrder(ORDER_FIXTURE)).toBe(true)
    expect(isOrder({ ...ORDER_FIXTURE, status: 'lost' })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, contact: { name: 'x' } })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, totalFen: -1 })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, paidAt: undefined })).toBe(false)
    expect(isOrder({ ...ORDER_FIXTURE, items: [{ ...ORDER_FIXTURE.items[0], quantity: 0 }] })).toBe(false)
    // Extra fields are accepted on purpose: a newer server must not break installed mini programs.
    expect(isOrder({ ...ORDER_FIXTURE, loyaltyPoints: 3 })).toBe(true)
  })

  it('PaymentStart: a union of objects, told apart by the provider literal', () => {
    const request = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' }
    expect(isPaymentStart({ provider: 'sandbox' })).toBe(true)
    expect(isPaymentStart({ provider: 'wechatpay', request })).toBe(true)
    expect(isPaymentStart({ provider: 'wechatpay' })).toBe(false)
    expect(isPaymentStart({ provider: 'wechatpay', request: { ...request, signType: 'MD5' } })).toBe(false)
    expect(isPaymentStart({ provider: 'alipay' })).toBe(false)
  })

  it('string patterns and lengths, array sizes, optional properties, records and enums', () => {
    const checks = compile({
      ThingSchema: Type.Object({
        code: Type.String({ pattern: '^[a-z]{2}$' }),
        label: Type.String({ minLength: 1, maxLength: 3 }),
        tags: Type.Array(Type.String(), { minItems: 1, maxItems: 2 }),
        note: Type.Optional(Type.String()),
        votes: Type.Record(Type.String(), Type.Union([Type.Literal('yes'), Type.Literal('no')])),
        sort: Type.Unsafe<string>({ type: 'string', enum: ['a', 'b'] }),
        ratio: Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
      }),
    })
    const isThing = checks.isThing as Guard
    const good = { code: 'ab', label: 'x', tags: ['t'], votes: { q1: 'yes' }, sort: 'a', ratio: 0.5 }
    expect(isThing(good)).toBe(true)
    expect(isThing({ ...good, note: 'n' })).toBe(true)
    const broken: Array<Record<string, unknown>> = [
      { code: 'abc' },
      { label: '' },
      { label: 'abcd' },
      { tags: [] },
      { tags: ['a', 'b', 'c'] },
      { tags: [1] },
      { note: 3 },
      { votes: { q1: 'maybe' } },
      { sort: 'c' },
      { ratio: 1 },
      { ratio: Number.NaN },
    ]
    for (const change of broken) expect([change, isThing({ ...good, ...change })]).toEqual([change, false])
    for (const key of Object.keys(good)) {
      const { [key]: _dropped, ...missing } = good as Record<string, unknown>
      expect([key, isThing(missing)]).toEqual([key, false])
    }
  })

  it('agrees with TypeBox itself on the real contract for valid and broken fixtures', () => {
    const cases: Array<[string, Guard, unknown, unknown]> = [
      ['isOrder', isOrder, ORDER_FIXTURE, contract.OrderSchema],
      ['isMyData', isMyData, MY_DATA, contract.MyDataSchema],
    ]
    for (const [name, guard, fixture, schema] of cases) {
      const json = schema as Parameters<typeof Value.Check>[0]
      expect(guard(fixture)).toBe(Value.Check(json, fixture))
      // Drop each top-level field in turn: both must refuse it.
      for (const key of Object.keys(fixture as object)) {
        const { [key]: _dropped, ...missing } = fixture as Record<string, unknown>
        expect([name, key, guard(missing)]).toEqual([name, key, Value.Check(json, missing)])
      }
    }
  })
})
