import { isMobileNumber, normalizePhone } from '@contract/rules'
import type { Fulfilment, PlaceOrderRequest } from '@contract/schemas'
import type { CartLine } from '@/state/cart'
import { formatFen } from '@/utils/money'

/** 'onFile': the member's saved number (reused, not fetched again: WX-PHONE-5); 'manual': typed. */
export type PhoneMode = 'onFile' | 'manual'

export interface CheckoutForm {
  fulfilment: Fulfilment
  name: string
  phoneMode: PhoneMode
  phone: string
  city: string
  address: string
  outletId: string | null
  note: string
}

export type FieldName = 'name' | 'phone' | 'city' | 'address' | 'outlet'
export type FieldErrors = Partial<Record<FieldName, string>>

export function emptyForm(outletId: string | null, hasPhoneOnFile: boolean): CheckoutForm {
  return { fulfilment: 'delivery', name: '', phoneMode: hasPhoneOnFile ? 'onFile' : 'manual', phone: '', city: '', address: '', outletId, note: '' }
}

/**
 * What must be filled in. Delivery needs a phone for the courier; pickup never asks for one
 * (WX-LAUNCH-3).
 */
export function validate(form: CheckoutForm, hasPhoneOnFile: boolean): FieldErrors {
  const errors: FieldErrors = {}
  // Pickup needs only the outlet: the order number is enough to collect it.
  if (form.fulfilment === 'pickup') {
    if (!form.outletId) errors.outlet = '请选择自提门店'
    return errors
  }
  if (form.name.trim() === '') errors.name = '请填写收货人'
  const usesSaved = form.phoneMode === 'onFile' && hasPhoneOnFile
  if (!usesSaved) {
    if (form.phone.trim() === '') errors.phone = '请填写手机号，仅用于配送员联系你'
    else if (!isMobileNumber(form.phone)) errors.phone = '请输入 11 位中国大陆手机号'
  }
  if (form.city.trim() === '') errors.city = '请填写城市'
  if (form.address.trim() === '') errors.address = '请填写详细地址'
  return errors
}

export function buildOrderRequest(form: CheckoutForm, lines: readonly CartLine[], idempotencyKey: string, hasPhoneOnFile: boolean): PlaceOrderRequest {
  const delivery = form.fulfilment === 'delivery'
  const usesSaved = delivery && form.phoneMode === 'onFile' && hasPhoneOnFile
  return {
    idempotencyKey,
    items: lines.map((line) => ({ skuId: line.skuId, quantity: line.quantity, unitPriceFen: line.priceFen })),
    fulfilment: form.fulfilment,
    contact: {
      name: form.name.trim(),
      // Pickup sends no phone at all; delivery sends the typed number or points at the saved one.
      phone: delivery && !usesSaved ? normalizePhone(form.phone) : null,
      usePhoneOnFile: usesSaved,
    },
    address: delivery ? { city: form.city.trim(), detail: form.address.trim() } : null,
    outletId: delivery ? null : form.outletId,
    note: form.note.trim(),
  }
}

/** The order carries something the user typed about themselves: the agreement comes first (WX-PRIV-9). */
export function hasTypedContact(form: CheckoutForm): boolean {
  return form.fulfilment === 'delivery' || form.name.trim() !== ''
}

/** WX-UI-4: said plainly before the tap that leads to payment. */
export function payStatement(totalFen: number): string {
  return `提交订单后将进入支付，需支付 ¥${formatFen(totalFen)}`
}

/** One key per checkout attempt (the server's pattern: 8–64 of [A-Za-z0-9_-]). */
export function newIdempotencyKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10)
  return `ck_${Date.now().toString(36)}_${random()}${random()}`
}

/** Plain words for what changed in the cart after the server's latest prices and stock. */
export function describeCartChanges(before: readonly CartLine[], after: readonly CartLine[]): string[] {
  const changes: string[] = []
  for (const line of before) {
    const label = `「${line.name} ${line.skuName}」`
    const now = after.find((l) => l.productId === line.productId && l.skuId === line.skuId)
    if (!now) {
      changes.push(`${label}已售罄，已从购物车移除`)
      continue
    }
    if (now.priceFen !== line.priceFen) changes.push(`${label}价格由 ¥${formatFen(line.priceFen)} 变为 ¥${formatFen(now.priceFen)}`)
    if (now.quantity < line.quantity) changes.push(`${label}库存仅剩 ${now.stock} 件，数量已调整为 ${now.quantity}`)
  }
  return changes
}
