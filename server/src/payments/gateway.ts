import type { PaymentStart } from '../contract'

export type { PaymentStart }

/** What the server needs to start paying one order. */
export interface PayableOrder {
  orderId: string
  totalFen: number
  /** Shown in WeChat's cashier and the bill (≤ 127 bytes). */
  description: string
  /** The payer's openid (JSAPI payments are made by this user only). */
  openid: string
  /** When the unpaid order expires (ISO time); the provider must refuse payment after it. */
  payBy: string
}


/**
 * The seam between checkout and a payment provider (WX-PAY-1). start() tells the client how to go
 * on: the sandbox confirms through POST /api/orders/:id/pay (sandbox only); WeChat Pay hands signed
 * parameters to Taro.requestPayment and the order becomes paid only by the verified notification.
 */
export interface PaymentGateway {
  readonly provider: PaymentStart['provider']
  start(order: PayableOrder): Promise<PaymentStart>
}

/**
 * The WeChat sandbox's payment: nothing is charged, the client's confirm marks the order paid.
 * Built only when the WeChat sandbox is in use (never with real credentials, never in production).
 */
export class SandboxPaymentGateway implements PaymentGateway {
  readonly provider = 'sandbox' as const
  async start(): Promise<PaymentStart> {
    return { provider: 'sandbox' }
  }
}
