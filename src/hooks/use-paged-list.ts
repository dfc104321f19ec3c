import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '@/services/api/http'
import type { Page } from '@contract/schemas'
import type { Prefetch } from '@/utils/prefetch'

export interface PagedList<T extends { id: string }> {
  items: T[]
  /** First page: loading → ready | error. */
  status: 'loading' | 'ready' | 'error'
  error: ApiError | null
  loadingMore: boolean
  /** A later page failed; the list stays and the footer offers a retry. */
  loadMoreError: ApiError | null
  hasMore: boolean
  /** Loads the next page (reach bottom / footer retry); ignored while busy or at the end. */
  loadMore: () => Promise<void>
  /**
   * Reloads from page 1 keeping the current items on screen (pull-down refresh). Resolves with
   * the error when it failed but old items are still shown, so the page can say so briefly.
   */
  refresh: () => Promise<ApiError | null>
  /** Reloads from page 1 showing the loading state (error retry). */
  retry: () => Promise<void>
}

interface State<T> {
  items: T[]
  page: number
  total: number
  status: 'loading' | 'ready' | 'error'
  error: ApiError | null
  loadingMore: boolean
  loadMoreError: ApiError | null
}

const initial = <T>(): State<T> => ({
  items: [],
  page: 0,
  total: 0,
  status: 'loading',
  error: null,
  loadingMore: false,
  loadMoreError: null,
})

const firstPageState = <T>(page: Page<T>): State<T> => ({ ...initial<T>(), items: page.items, page: 1, total: page.total, status: 'ready' })

/**
 * A paged list over a `fetchPage(page)` function. Restarts from page 1 whenever `deps` change;
 * responses that belong to an older generation (previous deps or a newer refresh) are dropped.
 * Pass `enabled: false` to hold off (e.g. until the user has typed a search). `firstPage`, a
 * request for page 1 started earlier, replaces the first fetch: the first render shows its items
 * when it has already succeeded, otherwise the first load awaits it (failure included).
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (page: number) => Promise<Page<T>>,
  deps: readonly unknown[],
  { enabled = true, firstPage }: { enabled?: boolean; firstPage?: Prefetch<Page<T>> } = {},
): PagedList<T> {
  const [state, setState] = useState<State<T>>(() => {
    const early = firstPage?.result()
    return early ? firstPageState(early) : initial<T>()
  })
  // Used by the first load only; none is needed when its items are on screen from the start.
  const earlyFirstPage = useRef(state.status === 'ready' ? undefined : firstPage)
  const skipFirstLoad = useRef(state.status === 'ready')
  const stateRef = useRef(state)
  stateRef.current = state
  const generation = useRef(0)
  const busy = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const loadFirst = useCallback(async (keepItems: boolean): Promise<ApiError | null> => {
    const gen = ++generation.current
    busy.current = true
    // Already showing the loading state (the first load): no re-render for the same state.
    if (!keepItems) setState((prev) => (prev.status === 'loading' ? prev : initial<T>()))
    const early = earlyFirstPage.current
    earlyFirstPage.current = undefined
    try {
      const page = await (early ? early.promise : fetchRef.current(1))
      if (gen === generation.current) setState(firstPageState(page))
      return null
    } catch (error) {
      const apiError = ApiError.from(error)
      if (gen !== generation.current) return null
      // A failed pull-down refresh keeps what is already on screen and reports the error instead.
      if (keepItems && stateRef.current.status === 'ready') return apiError
      setState({ ...initial<T>(), status: 'error', error: apiError })
      return null
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  // Drops whatever is in flight: its response belongs to an older generation.
  const invalidate = useCallback(() => {
    generation.current++
    busy.current = false
  }, [])

  useEffect(() => {
    if (skipFirstLoad.current) skipFirstLoad.current = false
    else if (enabled) void loadFirst(false)
    else setState(initial<T>())
    return invalidate
    // The caller's deps decide when to start over, like useEffect's own deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (busy.current || s.status !== 'ready' || s.items.length >= s.total) return
    const gen = generation.current
    busy.current = true
    setState((prev) => ({ ...prev, loadingMore: true, loadMoreError: null }))
    try {
      const page = await fetchRef.current(s.page + 1)
      if (gen !== generation.current) return
      setState((prev) => ({
        ...prev,
        // The server may shift items between pages while we scroll; never show one twice.
        items: [...prev.items, ...page.items.filter((item) => !prev.items.some((p) => p.id === item.id))],
        page: s.page + 1,
        total: page.total,
        loadingMore: false,
      }))
    } catch (error) {
      if (gen !== generation.current) return
      setState((prev) => ({ ...prev, loadingMore: false, loadMoreError: ApiError.from(error) }))
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  const refresh = useCallback(() => loadFirst(true), [loadFirst])
  const retry = useCallback(async () => {
    await loadFirst(false)
  }, [loadFirst])

  return {
    items: state.items,
    status: state.status,
    error: state.error,
    loadingMore: state.loadingMore,
    loadMoreError: state.loadMoreError,
    hasMore: state.status === 'ready' && state.items.length < state.total,
    loadMore,
    refresh,
    retry,
  }
}
