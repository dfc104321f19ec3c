import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '@/services/api/http'

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }

export type AsyncResult<T> = AsyncState<T> & {
  /** Runs the request again showing the loading state (the 重试 button); resolves when it settles. */
  reload: () => Promise<void>
  /**
   * Runs the request again keeping the current data on screen (pull-down refresh). Resolves with
   * the error if it failed; data already shown then stays.
   */
  refresh: () => Promise<ApiError | null>
}

/**
 * Runs `load` when `deps` change and tracks loading/success/error. Only the latest call may
 * update state, so a slow earlier response can never overwrite a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncResult<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' })
  const stateRef = useRef(state)
  stateRef.current = state
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(async () => {
    const id = ++latest.current
    // Already loading (the first run): no re-render for the same state.
    setState((prev) => (prev.status === 'loading' ? prev : { status: 'loading' }))
    try {
      const data = await loadRef.current()
      if (id === latest.current) setState({ status: 'success', data })
    } catch (error) {
      if (id === latest.current) setState({ status: 'error', error: ApiError.from(error) })
    }
  }, [])

  const refresh = useCallback(async (): Promise<ApiError | null> => {
    const id = ++latest.current
    try {
      const data = await loadRef.current()
      if (id === latest.current) setState({ status: 'success', data })
      return null
    } catch (error) {
      const apiError = ApiError.from(error)
      if (id === latest.current && stateRef.current.status !== 'success') setState({ status: 'error', error: apiError })
      return apiError
    }
  }, [])

  // Invalidates the in-flight call so it cannot set state after unmount or a deps change.
  const invalidate = useCallback(() => {
    latest.current++
  }, [])

  useEffect(() => {
    void run()
    return invalidate
    // The caller's deps decide when to reload, like useEffect's own deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { ...state, reload: run, refresh }
}
