import type { ProductPage } from '@contract/schemas'
import type { Prefetch } from '@/utils/prefetch'

/**
 * weapp: nothing starts early (the home page requests its products when it mounts). H5 starts the
 * request while the app boots, answered by index.html's preload (./early-first-page.h5.ts).
 */
export function startHomeFirstPage(): void {}

export function takeHomeFirstPage(): Prefetch<ProductPage> | undefined {
  return undefined
}
