/**
 * Where each compliance rule lives in the code. Tests are found automatically (titles that start
 * with the rule ID); this map names the code, and marks rules that a later issue owns ("planned")
 * or that do not apply ("n/a", with the reason). `npm run docs:matrix` renders it into the README.
 */
export interface RuleEntry {
  code: string[]
  /** 'planned' needs the issue that owns it; 'n/a' needs a reason in `note`. */
  status?: { planned: number } | 'n/a'
  note?: string
}

export const RULE_MAP: Record<string, RuleEntry> = {
  'WX-LAUNCH-1': { code: ['src/app.ts', 'src/app.config.ts', 'src/pages/index/index.tsx', 'src/services/privacy/consent.ts'] },
  'WX-LAUNCH-2': { code: ['src/pages/', 'src/packageShop/', 'src/state/cart.ts', 'server/src/routes/catalog.ts'] },
  'WX-LAUNCH-3': { code: ['src/packageShop/checkout/model.ts', 'src/packageShop/checkout/index.tsx', 'server/src/orders/place-order.ts'] },

  'WX-LOGIN-1': { code: ['src/services/session/account-session.ts', 'src/components/login-sheet/', 'src/pages/mine/index.tsx'] },
  'WX-LOGIN-2': { code: ['src/components/login-sheet/', 'src/services/session/account-session.ts'] },
  'WX-LOGIN-3': { code: ['src/services/session/', 'src/app-root.ts', 'server/src/routes/auth.ts', 'server/src/auth/', 'server/src/wechat/'] },
  'WX-LOGIN-4': { code: ['src/pages/mine/index.tsx', 'src/services/session/account-session.ts', 'server/src/routes/auth.ts'] },
  'WX-LOGIN-5': { code: ['src/services/privacy/refusals.ts', 'src/services/privacy/consent.ts'] },
  'WX-LOGIN-6': { code: ['server/src/auth/sessions.ts', 'server/src/auth/require-user.ts', 'src/services/api/http.ts', 'src/services/session/store.ts'] },

  'WX-PROFILE-1': { code: ['src/packageAccount/profile/index.tsx', 'src/services/privacy/components/avatar-picker/', 'src/services/privacy/components/nickname-field/', 'tools/eslint-plugin-wx-compliance/'] },
  'WX-PROFILE-2': { code: ['src/services/privacy/components/nickname-field/', 'src/packageAccount/profile/index.tsx', 'server/src/accounts/nickname.ts'] },
  'WX-PROFILE-3': { code: ['src/packageAccount/profile/index.tsx', 'src/components/my-data/', 'server/src/routes/me.ts', 'server/src/accounts/revocations.ts'] },
  'WX-PROFILE-4': { code: ['server/src/accounts/avatars.ts', 'server/src/routes/me.ts', 'server/src/auth/require-user.ts'] },
  'WX-PROFILE-5': { code: ['tools/eslint-plugin-wx-compliance/'] },
  'WX-PROFILE-6': {
    code: ['src/services/privacy/components/nickname-field/', 'src/services/privacy/components/avatar-picker/', 'src/packageAccount/profile/index.tsx', 'src/services/privacy/catalog.ts'],
  },

  'WX-PHONE-1': { code: ['src/services/privacy/components/phone-number-button/', 'src/packageShop/checkout/phone-field.tsx'] },
  'WX-PHONE-2': { code: ['src/services/privacy/catalog.ts', 'src/services/privacy/components/phone-number-button/'] },
  'WX-PHONE-3': { code: ['src/packageShop/checkout/phone-field.tsx', 'src/packageShop/checkout/model.ts', 'src/services/api/phone.ts', 'server/src/routes/phone.ts'] },
  'WX-PHONE-4': { code: ['src/services/privacy/refusals.ts', 'src/services/privacy/phone.ts', 'src/packageShop/checkout/phone-field.tsx'] },
  'WX-PHONE-5': {
    code: [
      'src/services/privacy/phone.ts',
      'src/services/privacy/components/phone-number-button/',
      'src/services/api/phone.ts',
      'src/packageShop/checkout/phone-field.tsx',
      'server/src/routes/phone.ts',
      'server/src/wechat/http-api.ts',
      'tools/eslint-plugin-wx-compliance/',
    ],
  },

  'WX-LOC-1': {
    code: ['src/services/privacy/platform.ts', 'src/services/privacy/platform.h5.ts', 'src/components/outlet-picker/use-nearest-outlets.ts', 'src/app.config.ts', 'tools/weapp/privacy-config.ts', 'tools/eslint-plugin-wx-compliance/'],
  },
  'WX-LOC-2': { code: ['src/app.config.ts', 'tools/weapp/privacy-config.ts', 'src/components/outlet-picker/index.tsx'] },
  'WX-LOC-3': { code: ['src/services/privacy/service.ts', 'src/components/outlet-picker/', 'src/packageShop/outlets/index.tsx', 'src/packageShop/checkout/index.tsx', 'server/src/routes/outlets.ts'] },
  'WX-LOC-4': { code: ['src/components/outlet-picker/use-nearest-outlets.ts', 'src/state/outlet-choice.ts', 'src/services/api/outlets.ts', 'server/src/routes/outlets.ts'] },

  'WX-SUB-1': { code: ['src/services/privacy/service.ts', 'src/packageShop/order-result/use-subscribe.ts', 'server/src/subscriptions/templates.ts'] },
  'WX-SUB-2': { code: ['src/packageShop/order-result/index.tsx', 'server/src/subscriptions/subscriptions.ts'] },
  'WX-SUB-3': {
    code: [
      'src/services/privacy/platform.ts',
      'src/packageShop/order-result/use-subscribe.ts',
      'src/services/api/orders.ts',
      'server/src/routes/subscriptions.ts',
      'server/src/subscriptions/subscriptions.ts',
      'server/src/subscriptions/order-status-message.ts',
    ],
  },
  'WX-SUB-4': { code: ['server/src/subscriptions/templates.ts', 'server/src/subscriptions/order-status-message.ts'] },
  'WX-SUB-5': { code: ['server/src/subscriptions/templates.ts', 'server/src/routes/subscriptions.ts', 'src/packageShop/order-result/use-subscribe.ts'] },

  'WX-PRIV-1': { code: ['src/services/privacy/consent.ts', 'src/services/privacy/service.ts', 'src/services/privacy/components/consent-sheet/'] },
  'WX-PRIV-2': { code: ['src/services/privacy/components/consent-sheet/', 'src/packagePrivacy/guide.tsx'] },
  'WX-PRIV-3': { code: ['src/services/privacy/consent.ts', 'src/components/page-shell/'] },
  'WX-PRIV-4': { code: ['src/services/privacy/consent.ts', 'src/services/privacy/refusals.ts'] },
  'WX-PRIV-5': { code: ['src/services/privacy/errors.ts'] },
  'WX-PRIV-6': { code: ['src/services/privacy/catalog.ts', 'src/services/privacy/catalog-details.ts', 'tools/compliance/privacy-declaration.ts', 'docs/privacy-declaration.md'] },
  'WX-PRIV-7': { code: ['src/services/privacy/', 'tools/eslint-plugin-wx-compliance/'] },
  'WX-PRIV-8': { code: ['src/app.config.ts', 'tools/weapp/dist-check.ts', 'tools/compliance/release-checklist.ts'] },
  'WX-PRIV-9': {
    code: ['src/services/privacy/catalog.ts', 'src/services/privacy/service.ts', 'src/packageShop/checkout/use-submit-order.ts', 'src/components/login-sheet/', 'src/components/privacy-guide-link/'],
  },

  'WX-DATA-1': { code: ['src/components/my-data/', 'src/services/session/account-session.ts', 'server/src/accounts/delete-account.ts'] },
  'WX-DATA-2': { code: ['src/packagePrivacy/index.tsx', 'src/components/my-data/', 'server/src/accounts/my-data.ts'] },
  'WX-DATA-3': { code: ['server/src/phones/phone-cipher.ts', 'server/src/request-log.ts'] },
  'WX-DATA-4': { code: ['server/src/routes/wechat-push.ts', 'server/src/wechat/push-crypto.ts', 'server/src/accounts/revocations.ts', 'server/src/accounts/delete-account.ts'] },
  'WX-DATA-5': {
    code: ['src/components/my-data/', 'src/services/privacy/catalog-details.ts', 'src/packageShop/checkout/phone-field.tsx', 'server/src/routes/subscriptions.ts', 'server/src/routes/phone.ts', 'server/src/routes/outlets.ts'],
  },

  'WX-UI-1': { code: ['src/services/privacy/components/consent-sheet/', 'src/components/login-sheet/', 'src/components/pay-sheet/'] },
  'WX-UI-2': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no text imitating WeChat system notices' },
  'WX-UI-3': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no autoplaying video or audio' },
  'WX-UI-4': { code: ['src/packageShop/checkout/index.tsx', 'src/components/pay-sheet/', 'src/packageShop/order-result/index.tsx', 'src/services/payment/'] },
  'WX-UI-5': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no share/follow inducements, no floating ads' },

  'WX-PAY-1': {
    code: ['server/src/payments/', 'server/src/routes/payments.ts', 'src/services/payment/', 'src/components/pay-sheet/', 'tools/eslint-plugin-wx-compliance/'],
  },
  'WX-OPS-1': { code: ['src/operator.ts', 'src/packageAccount/contact/', 'src/packagePrivacy/guide.tsx', 'src/pages/mine/index.tsx'] },
  'WX-OPS-2': { code: ['tools/compliance/release-checklist.ts', 'docs/release-checklist.md', 'src/services/privacy/errors.ts'] },
}
