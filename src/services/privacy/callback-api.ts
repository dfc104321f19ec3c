import type { PlatformFailure } from './types'

interface CallbackOptions<T> {
  success?: (result: T) => void
  fail?: (failure: PlatformFailure) => void
}

/**
 * One promise wrapper for WeChat's callback-style APIs (Taro types several privacy APIs as
 * returning void). A missing API rejects with a failure the error mapper reads as UNSUPPORTED.
 */
export function callbackApi<T>(name: string, api: ((options: CallbackOptions<T>) => unknown) | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (typeof api !== 'function') {
      reject({ errMsg: `${name}:fail not supported` } satisfies PlatformFailure)
      return
    }
    // Taro's API also returns a promise that rejects on failure; the callbacks carry the outcome,
    // so that promise is settled here, or WeChat reports every refusal as an unhandled rejection.
    const returned = api({ success: resolve, fail: reject }) as { catch?: unknown } | null | undefined
    if (typeof returned?.catch === 'function') (returned as Promise<unknown>).catch(() => undefined)
  })
}
