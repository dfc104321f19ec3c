import { useSyncExternalStore } from 'react'
import type { ConsentManager, ConsentSnapshot } from './consent'

/** The consent sheet's view of the agreement queue. */
export function useConsentSnapshot(consent: ConsentManager): ConsentSnapshot {
  return useSyncExternalStore(consent.subscribe, consent.getSnapshot, consent.getSnapshot)
}
