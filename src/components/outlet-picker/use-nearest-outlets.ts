import { useState } from 'react'
import { privacy } from '@/app-root'
import { outlets } from '@/subpackage-root'
import { ApiError } from '@/services/api/http'
import type { NearbyOutlet } from '@contract/schemas'
import { PrivacyError } from '@/services/privacy'

export const LOCATION_SCOPE = 'scope.userFuzzyLocation'

export type NearestState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ready'; items: NearbyOutlet[] }
  /** The user said no: the city list stays the way to choose (WX-LOC-3). */
  | { status: 'refused'; message: string; canOpenSettings: boolean }
  | { status: 'failed'; message: string }

const LIST_STILL_WORKS = '可以从下方列表选择门店'

export function toNearestFailure(error: unknown): NearestState {
  if (error instanceof PrivacyError) {
    switch (error.code) {
      case 'AUTH_DENIED':
      case 'USER_DENIED':
      case 'REFUSED_EARLIER':
        // After a refusal WeChat no longer asks; only the settings page can turn it back on.
        return { status: 'refused', message: `未获取你的位置，${LIST_STILL_WORKS}`, canOpenSettings: true }
      case 'AGREEMENT_DISAGREED':
        // The settings page cannot change the privacy agreement; a new tap shows the sheet again.
        return { status: 'refused', message: `你未同意隐私保护指引，${LIST_STILL_WORKS}`, canOpenSettings: false }
      case 'CANCELLED':
        return { status: 'idle' }
      default:
        return { status: 'failed', message: `${error.userMessage}，${LIST_STILL_WORKS}` }
    }
  }
  return { status: 'failed', message: `${ApiError.from(error).message}` }
}

/**
 * 使用我的大致位置: fuzzy location through the privacy service, only from a tap (WX-LOC-1), sent
 * once to find the nearest outlets and then dropped: it is in no state, storage or other request
 * (WX-LOC-4). Re-enabling after a refusal goes through the settings page, from a tap (WX-LOC-3).
 */
export function useNearestOutlets() {
  const [state, setState] = useState<NearestState>({ status: 'idle' })

  const locate = async () => {
    setState({ status: 'locating' })
    try {
      const items = await outlets().nearest(await privacy.getFuzzyLocation({ userInitiated: true }))
      setState({ status: 'ready', items })
    } catch (error) {
      setState(toNearestFailure(error))
    }
  }

  const openSettings = async () => {
    let granted = false
    try {
      granted = await privacy.openSettingsFor(LOCATION_SCOPE)
    } catch {
      // The settings page did not open; the list still works and the message stays.
      return
    }
    // Turned on by the user just now, in the settings page they opened: use it.
    if (granted) await locate()
  }

  return { state, locate, openSettings }
}
