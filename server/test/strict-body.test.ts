import { PlaceOrderRequestSchema, type PlaceOrderRequest } from '../src/contract'
import { ApiError } from '../src/errors'
import { parseBody } from '../src/strict-body'

const valid: PlaceOrderRequest = {
  idempotencyKey: 'checkout-0001',
  items: [{ skuId: 'p001-1', quantity: 2, unitPriceFen: 3990 }],
  fulfilment: 'pickup',
  contact: { name: '', phone: null, usePhoneOnFile: false },
  address: null,
  outletId: 'sh-jingan',
  note: '',
}

function messageFor(body: unknown): string {
  try {
    parseBody(PlaceOrderRequestSchema, body)
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return (error as ApiError).message
  }
  throw new Error('expected a 400')
}

test('a valid body is returned as is, nulls untouched', () => {
  expect(parseBody(PlaceOrderRequestSchema, valid)).toBe(valid)
  expect(parseBody(PlaceOrderRequestSchema, valid).contact.phone).toBeNull()
})

const { note: _omitted, ...withoutNote } = valid

test.each<[string, unknown, string]>([
  ['no body', undefined, 'body must be an object'],
  ['an array', [], 'body must be an object'],
  ['a missing field', withoutNote, 'note is required'],
  ['a missing nested field', { ...valid, contact: { phone: null, usePhoneOnFile: false } }, 'contact.name is required'],
  ['a number as a string', { ...valid, items: [{ skuId: 'p001-1', quantity: '2', unitPriceFen: 3990 }] }, 'items.0.quantity must be an integer'],
  ['a boolean as a string', { ...valid, contact: { ...valid.contact, usePhoneOnFile: 'true' } }, 'contact.usePhoneOnFile must be a boolean'],
  ['a phone as a number', { ...valid, contact: { ...valid.contact, phone: 13800138000 } }, 'contact.phone must be a string'],
  ['an unknown enum value', { ...valid, fulfilment: 'drone' }, 'fulfilment must be one of: delivery, pickup'],
  ['too many lines', { ...valid, items: Array.from({ length: 21 }, () => valid.items[0]) }, 'items must have at most 20 items'],
  ['no lines', { ...valid, items: [] }, 'items must have at least 1 items'],
  ['quantity 0', { ...valid, items: [{ skuId: 'p001-1', quantity: 0, unitPriceFen: 1 }] }, 'items.0.quantity must be >= 1'],
  ['quantity 100', { ...valid, items: [{ skuId: 'p001-1', quantity: 100, unitPriceFen: 1 }] }, 'items.0.quantity must be <= 99'],
  ['an oversized note', { ...valid, note: 'x'.repeat(1001) }, 'note must be at most 1000 characters'],
  ['a bad key', { ...valid, idempotencyKey: 'short' }, 'idempotencyKey has an invalid format'],
  ['a bad nullable object', { ...valid, address: { city: 5, detail: 'x' } }, 'address.city must be a string'],
  ['a nullable object of the wrong type', { ...valid, address: 'Shanghai' }, 'address must be an object'],
  ['an unknown field', { ...valid, contact: { ...valid.contact, mobile: '1' } }, 'contact.mobile is not allowed'],
])('%s', (_name, body, message) => {
  expect(messageFor(body)).toBe(message)
})
