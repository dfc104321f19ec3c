/**
 * What must hold after a kill -9 and a restart (issue 11 item 8): every order the server
 * acknowledged (2xx) is stored with at least the state it was acknowledged in and the same units,
 * and no unit of stock was lost or created (shelf + live orders = seeded, per SKU).
 */

/** What the client was told: 201 for the order, 200 for its payment. */
export interface AcknowledgedOrder {
  id: string
  units: number
  state: 'pending_payment' | 'paid'
}

export interface OutletdOrder {
  status: string
  units: number
}

export interface CrashFacts {
  acknowledged: readonly AcknowledgedOrder[]
  stored: ReadonlyMap<string, OutletdOrder>
  /** stockLedger before the first round and now. */
  seeded: Readonly<Record<string, number>>
  ledger: Readonly<Record<string, number>>
  negativeStock: readonly string[]
}

/** Statuses at or past "paid"; an unacknowledged payment may have committed, so pending may have become paid. */
const PAID_OR_LATER = new Set(['paid', 'shipped', 'ready_for_pickup', 'completed'])

/** Every broken promise, one line each; empty when the round is sound. */
export function findViolations(facts: CrashFacts): string[] {
  const violations: string[] = []
  for (const ack of facts.acknowledged) {
    const stored = facts.stored.get(ack.id)
    if (!stored) {
      violations.push(`order ${ack.id} was acknowledged (${ack.state}) but is missing`)
      continue
    }
    const allowed = ack.state === 'paid' ? PAID_OR_LATER.has(stored.status) : stored.status === 'pending_payment' || PAID_OR_LATER.has(stored.status)
    if (!allowed) violations.push(`order ${ack.id} was acknowledged as ${ack.state} but is stored as ${stored.status}`)
    if (stored.units !== ack.units) violations.push(`order ${ack.id} was acknowledged with ${ack.units} units but holds ${stored.units}`)
  }
  for (const sku of new Set([...Object.keys(facts.seeded), ...Object.keys(facts.ledger)])) {
    const seeded = facts.seeded[sku]
    const now = facts.ledger[sku]
    if (seeded !== now) violations.push(`stock of ${sku} not conserved: seeded ${seeded ?? 'none'}, shelf + live orders ${now ?? 'none'}`)
  }
  for (const sku of facts.negativeStock) violations.push(`stock of ${sku} is negative`)
  return violations
}
