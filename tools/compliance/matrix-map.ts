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
  'WX-LAUNCH-2': { code: ['src/pages/', 'src/packageShop/', 'src/store/cart.ts', 'server/src/routes/catalog.ts'] },
  'WX-LAUNCH-3': { code: [], status: { planned: 5 }, note: 'pickup checkout without a phone' },

  'WX-LOGIN-1': { code: ['src/pages/mine/index.tsx', 'src/components/login-sheet-placeholder/'], note: 'placeholder sheet until the login flow (#4)' },
  'WX-LOGIN-2': { code: ['src/components/login-sheet-placeholder/'], note: 'placeholder sheet until the login flow (#4)' },
  'WX-LOGIN-3': { code: [], status: { planned: 4 } },
  'WX-LOGIN-4': { code: [], status: { planned: 4 } },
  'WX-LOGIN-5': { code: ['src/services/privacy/refusals.ts', 'src/services/privacy/consent.ts'] },

  'WX-PROFILE-1': { code: ['tools/eslint-plugin-wx-compliance/'], note: 'retired APIs banned by lint; the profile page comes with #4' },
  'WX-PROFILE-2': { code: [], status: { planned: 4 } },
  'WX-PROFILE-3': { code: [], status: { planned: 4 } },
  'WX-PROFILE-4': { code: [], status: { planned: 4 } },
  'WX-PROFILE-5': { code: ['tools/eslint-plugin-wx-compliance/'] },

  'WX-PHONE-1': { code: [], status: { planned: 5 } },
  'WX-PHONE-2': { code: ['src/services/privacy/catalog.ts'], note: 'reason text in the catalog; the checkout button comes with #5' },
  'WX-PHONE-3': { code: [], status: { planned: 5 } },
  'WX-PHONE-4': { code: ['src/services/privacy/refusals.ts'] },
  'WX-PHONE-5': { code: ['tools/eslint-plugin-wx-compliance/'], note: 'encryptedData banned by lint; the code flow comes with #5' },

  'WX-LOC-1': { code: ['src/services/privacy/platform.ts', 'src/services/privacy/platform.h5.ts', 'src/app.config.ts', 'tools/weapp/privacy-config.ts', 'tools/eslint-plugin-wx-compliance/'] },
  'WX-LOC-2': { code: ['src/app.config.ts', 'tools/weapp/privacy-config.ts'], note: 'in-page reason comes with #5' },
  'WX-LOC-3': { code: ['src/services/privacy/service.ts'], note: 'city/store list comes with #5' },
  'WX-LOC-4': { code: [], status: { planned: 5 } },

  'WX-SUB-1': { code: ['src/services/privacy/service.ts'], note: 'the tap on the order result page comes with #5' },
  'WX-SUB-2': { code: [], status: { planned: 5 } },
  'WX-SUB-3': { code: ['src/services/privacy/platform.ts'], note: 'server recording and sending come with #5' },
  'WX-SUB-4': { code: [], status: { planned: 5 } },

  'WX-PRIV-1': { code: ['src/services/privacy/consent.ts', 'src/services/privacy/service.ts', 'src/services/privacy/components/consent-sheet/'] },
  'WX-PRIV-2': { code: ['src/services/privacy/components/consent-sheet/', 'src/pages/privacy/guide.tsx'] },
  'WX-PRIV-3': { code: ['src/services/privacy/consent.ts', 'src/components/page-shell/'] },
  'WX-PRIV-4': { code: ['src/services/privacy/consent.ts', 'src/services/privacy/refusals.ts'] },
  'WX-PRIV-5': { code: ['src/services/privacy/errors.ts'] },
  'WX-PRIV-6': { code: ['src/services/privacy/catalog.ts', 'tools/compliance/privacy-declaration.ts', 'docs/privacy-declaration.md'] },
  'WX-PRIV-7': { code: ['src/services/privacy/', 'tools/eslint-plugin-wx-compliance/'] },
  'WX-PRIV-8': { code: ['src/app.config.ts', 'tools/weapp/dist-check.ts'] },

  'WX-DATA-1': { code: [], status: { planned: 4 } },
  'WX-DATA-2': { code: ['src/pages/privacy/index.tsx'], note: 'refusals viewable and withdrawable now; account data comes with #4' },
  'WX-DATA-3': { code: [], status: { planned: 4 } },
  'WX-DATA-4': { code: [], status: { planned: 4 } },

  'WX-UI-1': { code: ['src/services/privacy/components/consent-sheet/', 'src/components/login-sheet-placeholder/'] },
  'WX-UI-2': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no text imitating WeChat system notices' },
  'WX-UI-3': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no autoplaying video or audio' },
  'WX-UI-4': { code: [], status: { planned: 5 } },
  'WX-UI-5': { code: ['test/compliance/ui-rules.test.ts'], note: 'scanned: no share/follow inducements, no floating ads' },
}
