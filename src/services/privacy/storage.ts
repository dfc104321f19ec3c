import Taro from '@tarojs/taro'
import type { Clock, KeyValueStorage } from './types'

/** Taro's synchronous storage (wx storage on device, localStorage on H5) as a KeyValueStorage. */
export const taroStorage: KeyValueStorage = {
  getItem(key) {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem(key, value) {
    Taro.setStorageSync(key, value)
  },
  removeItem(key) {
    Taro.removeStorageSync(key)
  },
}

export const systemClock: Clock = { now: () => Date.now() }
