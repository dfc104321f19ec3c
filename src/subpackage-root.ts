/**
 * The part of the composition root (src/app-root.ts) that only subpackage pages use: the orders,
 * payment, phone-number, profile and 门店 clients, and the 门店 chosen for pickup. Each is wired from the
 * installed root on first use, so its code ships in the subpackages that import this module
 * instead of the main package; so do Taro's uploader and cashier, unless the root's deps bring others. Call them: `orders().place(…)`.
 */
import { lazyPart } from './app-root'
import { createOrdersApi } from './services/api/orders'
import { createPhoneApi } from './services/api/phone'
import { createProfileApi, taroUploader } from './services/api/profile'
import { createOutletsApi } from './services/api/outlets'
import { createPayments } from './services/payment'
import { openCashier } from './services/payment/request-payment'
import { createOutletChoice } from './state/outlet-choice'

export const orders = lazyPart(({ http }) => createOrdersApi(http))
export const phone = lazyPart(({ http }) => createPhoneApi(http))
export const profile = lazyPart(({ http, deps, sessionStore }) =>
  createProfileApi(http, { uploader: deps.uploader ?? taroUploader, baseUrl: deps.baseUrl, token: () => sessionStore.token() }),
)
export const outlets = lazyPart(({ http }) => createOutletsApi(http))
export const payments = lazyPart(({ deps }) =>
  createPayments({ api: orders(), openCashier: deps.openCashier ?? openCashier, wait: deps.wait }),
)
/** The 门店 the user picked for pickup, kept on the device. */
export const outletChoice = lazyPart(({ deps }) => createOutletChoice(deps.storage))
