/**
 * weapp: true from the first render. The page's data goes to the view in one setData, and a second
 * one for content below the fold would cost more than it saves. H5 waits for the first paint
 * (./use-after-first-paint.h5.ts).
 */
export function useAfterFirstPaint(): boolean {
  return true
}
