import { itemForApi, PRIVACY_ITEMS, privacyItem } from '@/services/privacy/catalog'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'

type AppConfig = Record<string, unknown> & { pages: string[] }

function loadAppConfig(): AppConfig {
  // app.config.ts calls Taro's compile-time global; at test time it is the identity.
  Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config })
  let config: AppConfig | undefined
  jest.isolateModules(() => {
    config = (jest.requireActual('@/app.config') as { default: AppConfig }).default
  })
  if (!config) throw new Error('app.config.ts did not load')
  return config
}

describe('privacy catalog', () => {
  it('WX-PRIV-6: lists every personal-data item once, each with a purpose, a reason, how it is collected and rule IDs', () => {
    const ids = PRIVACY_ITEMS.map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(['wechatIdentity', 'phoneNumber', 'avatar', 'nickname', 'fuzzyLocation', 'subscribeMessage']))
    expect(DISCLOSED_ITEMS.map((item) => item.id)).toEqual(ids)
    for (const item of DISCLOSED_ITEMS) {
      expect(item.purpose.length).toBeGreaterThan(8)
      expect(item.reason.length).toBeGreaterThan(4)
      expect(item.collectedVia.length).toBeGreaterThan(0)
      expect(item.ruleIds.length).toBeGreaterThan(0)
      item.ruleIds.forEach((rule) => expect(rule).toMatch(/^WX-[A-Z]+-\d+$/))
    }
  })

  it('WX-PRIV-6: items collected through WeChat privacy interfaces name what to declare in the admin console', () => {
    for (const id of ['phoneNumber', 'avatar', 'nickname', 'fuzzyLocation'] as const) {
      expect(privacyItem(id).adminDeclaration).toBeTruthy()
    }
    expect(privacyItem('fuzzyLocation').scope).toBe('scope.userFuzzyLocation')
  })

  it('WX-PHONE-2: the phone reason says why, in one short line', () => {
    expect(privacyItem('phoneNumber').reason).toMatch(/配送/)
    expect(privacyItem('phoneNumber').reason.length).toBeLessThanOrEqual(30)
  })

  it('maps API and component names back to their item for the consent sheet', () => {
    expect(itemForApi('getFuzzyLocation')?.id).toBe('fuzzyLocation')
    expect(itemForApi('chooseAvatar')?.id).toBe('avatar')
    expect(itemForApi('type="nickname"')?.id).toBe('nickname')
    expect(itemForApi('somethingElse')).toBeUndefined()
  })
})

describe('app config', () => {
  it('WX-PRIV-8: sets __usePrivacyCheck__: true', () => {
    expect(loadAppConfig().__usePrivacyCheck__).toBe(true)
  })

  it('WX-LOC-2: the fuzzy-location permission desc is the catalog reason', () => {
    const permission = loadAppConfig().permission as Record<string, { desc: string }>
    expect(permission['scope.userFuzzyLocation']?.desc).toBe(privacyItem('fuzzyLocation').reason)
  })

  it('WX-LAUNCH-1: the first page is the storefront home, not a login page', () => {
    const config = loadAppConfig()
    expect(config.pages[0]).toBe('pages/index/index')
    expect(config.pages.join(' ')).not.toMatch(/login|auth/i)
  })
})
