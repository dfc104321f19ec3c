/** The crash loop's checker (server/scripts/crash/round-check.ts) passes a sound state and names every broken promise. */
import { findViolations, type CrashFacts } from '../scripts/crash/round-check'

const sound: CrashFacts = {
  acknowledged: [
    { id: 'o1', units: 2, state: 'pending_payment' },
    { id: 'o2', units: 1, state: 'paid' },
    { id: 'o3', units: 3, state: 'pending_payment' },
  ],
  // o3's payment committed but its answer was lost in the kill: allowed. o4 was never acknowledged: allowed.
  stored: new Map([
    ['o1', { status: 'pending_payment', units: 2 }],
    ['o2', { status: 'paid', units: 1 }],
    ['o3', { status: 'paid', units: 3 }],
    ['o4', { status: 'pending_payment', units: 1 }],
  ]),
  seeded: { 'p001-1': 10, 'p002-1': 5 },
  ledger: { 'p001-1': 10, 'p002-1': 5 },
  negativeStock: [],
}

test('a sound state after a crash has no violations', () => {
  expect(findViolations(sound)).toEqual([])
})

test('an acknowledged order that is missing is a violation', () => {
  const stored = new Map(sound.stored)
  stored.delete('o1')
  expect(findViolations({ ...sound, stored })).toEqual(['order o1 was acknowledged (pending_payment) but is missing'])
})

test('an acknowledged payment that rolled back, a cancelled order and changed units are violations', () => {
  const stored = new Map(sound.stored)
  stored.set('o2', { status: 'pending_payment', units: 1 })
  stored.set('o1', { status: 'cancelled', units: 1 })
  expect(findViolations({ ...sound, stored })).toEqual([
    'order o1 was acknowledged as pending_payment but is stored as cancelled',
    'order o1 was acknowledged with 2 units but holds 1',
    'order o2 was acknowledged as paid but is stored as pending_payment',
  ])
})

test('stock lost or created, a SKU gone, and negative stock are violations', () => {
  expect(findViolations({ ...sound, ledger: { 'p001-1': 9 }, negativeStock: ['p002-1'] })).toEqual([
    'stock of p001-1 not conserved: seeded 10, shelf + live orders 9',
    'stock of p002-1 not conserved: seeded 5, shelf + live orders none',
    'stock of p002-1 is negative',
  ])
})
