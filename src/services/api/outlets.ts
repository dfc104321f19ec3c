import type { NearbyOutlet, OutletChoice, OutletList } from '@contract/schemas'
import { isNearestOutlets } from './generated/is-nearest-outlets'
import { isOutletList } from './generated/is-outlet-list'
import type { HttpClient } from './http'

/** PUT /api/me/outlet answers 204 or the saved choice; either way only success matters here. */
const isAnySuccess = (_v: unknown): _v is unknown => true

export interface OutletsApi {
  list(): Promise<OutletList>
  /**
   * The closest outlets to a fuzzy point. The point goes to the server for this one query and is
   * kept nowhere, on either side (WX-LOC-4).
   */
  nearest(point: { latitude: number; longitude: number }): Promise<NearbyOutlet[]>
  /** Saves (or with null, forgets) the member's preferred outlet. */
  saveMyOutlet(outletId: string | null): Promise<void>
}

export function createOutletsApi(client: HttpClient): OutletsApi {
  return {
    list: () => client.get('/api/outlets', {}, isOutletList),
    async nearest({ latitude, longitude }) {
      const body = await client.get('/api/outlets/nearest', { latitude, longitude }, isNearestOutlets)
      return body.items
    },
    async saveMyOutlet(outletId) {
      await client.request({ method: 'PUT', path: '/api/me/outlet', body: { outletId } satisfies OutletChoice }, isAnySuccess)
    },
  }
}
