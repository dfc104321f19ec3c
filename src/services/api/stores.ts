import { arrayOf, isInteger, isRecord, isString, type Guard } from './guards'
import type { HttpClient } from './http'
import type { NearestStores, Store, StoreList } from './types'

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export const isStore: Guard<Store> = (v): v is Store =>
  isRecord(v) && isString(v.id) && isString(v.name) && isString(v.city) && isString(v.address) &&
  isNumber(v.latitude) && isNumber(v.longitude) && isString(v.hours)

export const isStoreList: Guard<StoreList> = (v): v is StoreList =>
  isRecord(v) && arrayOf(isStore)(v.items) && arrayOf(isString)(v.cities)

export type NearbyStore = NearestStores['items'][number]

export const isNearestStores: Guard<NearestStores> = (v): v is NearestStores =>
  isRecord(v) && arrayOf((s: unknown): s is NearbyStore => isStore(s) && isRecord(s) && isInteger(s.distanceMeters))(v.items)

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
      await client.request({ method: 'PUT', path: '/api/me/store', body: { storeId } }, isAnySuccess)
    },
  }
}
