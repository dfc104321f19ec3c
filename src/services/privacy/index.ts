/**
 * THE privacy service: the only module that touches WeChat's privacy and auth APIs (WX-PRIV-7).
 * Pages and components use its one instance (`privacy` from app-root.ts) and import the rest from
 * here, never from @tarojs/taro, for anything personal.
 */
export { itemForApi, PRIVACY_ITEMS, privacyItem } from './catalog'
export type { PrivacyItem, PrivacyItemId } from './catalog'
export type { ConsentSnapshot } from './consent'
export { PrivacyError } from './errors'
export type { PrivacyErrorCode } from './errors'
export { createPrivacyService, MAX_SUBSCRIBE_TEMPLATES } from './service'
export type { PrivacyService, Trigger } from './service'
export { useConsentSnapshot } from './use-consent'
