import type { NearbyStore, StoreChoice, StoreList } from '@contract/schemas'
import { isNearestStores } from './generated/is-nearest-stores'
import { isStoreList } from './generated/is-store-list'
import type { HttpClient } from './http'

/** PUT /api/me/store answers 204 or the saved choice; either way only success matters here. */
const isAnySuccess = (_v: unknown): _v is unknown => true

export interface StoresApi {
  list(): Promise<StoreList>
  /**
   * The closest stores to a fuzzy point. The point goes to the server for this one query and is
   * kept nowhere, on either side (WX-LOC-4).
   */
  nearest(point: { latitude: number; longitude: number }): Promise<NearbyStore[]>
  /** Saves (or with null, forgets) the member's preferred store. */
  saveMyStore(storeId: string | null): Promise<void>
}

export function createStoresApi(client: HttpClient): StoresApi {
  return {
    list: () => client.get('/api/stores', {}, isStoreList),
    async nearest({ latitude, longitude }) {
      const body = await client.get('/api/stores/nearest', { latitude, longitude }, isNearestStores)
      return body.items
    },
    async saveMyStore(storeId) {
      await client.request({ method: 'PUT', path: '/api/me/store', body: { storeId } satisfies StoreChoice }, isAnySuccess)
    },
  }
}
