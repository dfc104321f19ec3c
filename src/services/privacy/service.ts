import { PRIVACY_ITEMS, privacyItem, type PrivacyItemId } from './catalog'
import { createConsentManager, type ConsentManager } from './consent'
import { PrivacyError, isRefusal, toPrivacyError } from './errors'
import { createRefusalMemory, type RefusalMemory } from './refusals'
import type { Clock, FuzzyLocation, KeyValueStorage, PrivacyPlatform, SubscribeDecision } from './types'

/** How a request was started. Only a user's tap may re-ask after a refusal. */
export interface Trigger {
  userInitiated: boolean
}

/** Items collected without a WeChat privacy API call the service could guard. */
export type AgreementFirstItem = 'deliveryContact' | 'nickname' | 'avatar'

export interface PrivacyServiceDeps {
  platform: PrivacyPlatform
  storage: KeyValueStorage
  clock: Clock
}

/** WeChat allows at most 3 template ids per requestSubscribeMessage call. */
export const MAX_SUBSCRIBE_TEMPLATES = 3

export interface PrivacyService {
  readonly platformName: PrivacyPlatform['name']
  readonly catalog: typeof PRIVACY_ITEMS
  readonly consent: ConsentManager
  readonly refusals: RefusalMemory
  /** Registers the one app-wide onNeedPrivacyAuthorization listener; call once at launch. */
  install(): void
  openPrivacyContract(): Promise<void>
  /** wx.login for the server's code2Session; only from a tap on 登录. */
  login(trigger: Trigger): Promise<{ code: string }>
  getFuzzyLocation(trigger: Trigger): Promise<FuzzyLocation>
  requestSubscribeMessage(templateIds: string[], trigger: Trigger): Promise<Record<string, SubscribeDecision>>
  /**
   * The agreement sync on its own, before personal data is collected where WeChat does not raise
   * its event: the typed contact (WX-PRIV-9), the nickname input (it is degraded, not prompted, before
   * agreement) and the H5 avatar picker (WX-PROFILE-6). The same consent sheet, unless already agreed.
   * Throws PrivacyError on disagree.
   */
  agreeBefore(itemId: AgreementFirstItem, trigger: Trigger): Promise<void>
  /** Opens the system settings page from a tap; resolves with whether `scope` is now granted. */
  openSettingsFor(scope: string): Promise<boolean>
}

export function createPrivacyService({ platform, storage, clock }: PrivacyServiceDeps): PrivacyService {
  const refusals = createRefusalMemory(storage, clock)
  const consent = createConsentManager({ platform, refusals })

  /**
   * The path every privacy API takes: refusal memory → agreement sync (for items WeChat gates
   * behind the privacy agreement) → the API → refusal bookkeeping and one typed error shape.
   */
  async function guarded<T>(itemId: PrivacyItemId, api: string, trigger: Trigger, call: () => Promise<T>): Promise<T> {
    if (!refusals.mayPrompt(itemId, trigger)) throw new PrivacyError({ code: 'REFUSED_EARLIER', api, itemId })
    const item = privacyItem(itemId)
    // WeChat gates declared items; for the others that are personal data the app asks itself (WX-PRIV-9).
    if (item.adminDeclaration !== null || item.agreementFirst !== null) {
      const agreement = await consent.ensureAgreement(api, trigger)
      if (agreement === 'not-asked') throw new PrivacyError({ code: 'REFUSED_EARLIER', api, itemId })
      if (agreement === 'disagreed') throw new PrivacyError({ code: 'AGREEMENT_DISAGREED', api, itemId })
    }
    try {
      const result = await call()
      refusals.clear(itemId)
      return result
    } catch (raw) {
      const error = toPrivacyError(api, raw, itemId)
      if (isRefusal(error)) refusals.record(itemId)
      throw error
    }
  }

  return {
    platformName: platform.name,
    catalog: PRIVACY_ITEMS,
    consent,
    refusals,
    install: consent.install,
    openPrivacyContract: () => consent.openContract(),
    login: (trigger) => guarded('wechatIdentity', 'login', trigger, () => platform.login()),
    getFuzzyLocation: (trigger) => guarded('fuzzyLocation', 'getFuzzyLocation', trigger, () => platform.getFuzzyLocation()),
    async requestSubscribeMessage(templateIds, trigger) {
      if (templateIds.length === 0 || templateIds.length > MAX_SUBSCRIBE_TEMPLATES) {
        throw new PrivacyError({
          code: 'UNKNOWN',
          api: 'requestSubscribeMessage',
          itemId: 'subscribeMessage',
          detail: `expected 1 to ${MAX_SUBSCRIBE_TEMPLATES} template ids, got ${templateIds.length}`,
        })
      }
      return guarded('subscribeMessage', 'requestSubscribeMessage', trigger, () => platform.requestSubscribeMessage(templateIds))
    },
    // The referrer names the item in the consent sheet (itemForApi).
    agreeBefore: (itemId, trigger) => guarded(itemId, privacyItem(itemId).collectedVia[0] ?? itemId, trigger, async () => undefined),
    async openSettingsFor(scope) {
      try {
        const setting = await platform.openSetting()
        return setting[scope] === true
      } catch (raw) {
        throw toPrivacyError('openSetting', raw)
      }
    },
  }
}
