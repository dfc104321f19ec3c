import type { ProductPage } from '@contract/schemas'
import { catalog } from '@/app-root'
import { prefetch, type Prefetch } from '@/utils/prefetch'
import { HOME_FIRST_PAGE_URL, HOME_PRODUCTS } from './first-page'

let early: Prefetch<ProductPage> | undefined

/**
 * H5: when index.html preloaded the home page's first products (the app was opened on 首页), asks
 * the catalog client for them while the app boots. The browser answers from the preload, and the
 * answer is usually in by the home page's first render, which then shows the products at once
 * instead of a loading state, a second render and a second layout. Same client, same checks.
 */
export function startHomeFirstPage(doc: Document = document): void {
  const links = Array.from(doc.querySelectorAll('link[rel="preload"][as="fetch"]'))
  if (links.some((link) => link.getAttribute('href') === HOME_FIRST_PAGE_URL)) {
    early = prefetch(() => catalog.listProducts({ ...HOME_PRODUCTS, page: 1 }))
  }
}

/** The early request, handed out once: a home page opened later asks the server again. */
export function takeHomeFirstPage(): Prefetch<ProductPage> | undefined {
  const taken = early
  early = undefined
  return taken
}
