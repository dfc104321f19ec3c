/**
 * A request started before the component that needs it renders. `result()` is the value once the
 * request has succeeded, so a first render can show it at once; until then (or after a failure)
 * the component awaits `promise` as it would its own request, failures included.
 */
export interface Prefetch<T> {
  readonly promise: Promise<T>
  result(): T | undefined
}

export function prefetch<T>(start: () => Promise<T>): Prefetch<T> {
  let settled: { value: T } | undefined
  const promise = start()
  // The second handler keeps a failure the component has not awaited yet from being reported as unhandled.
  promise.then(
    (value) => {
      settled = { value }
    },
    () => undefined,
  )
  return { promise, result: () => settled?.value }
}
