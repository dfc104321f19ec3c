import { buildUrl } from '../../services/api/url'

/**
 * The home page's product list. Its first page is what a visitor waits for, so on H5 index.html
 * starts that GET while the app's JS is still loading (config/index.ts hands it HOME_FIRST_PAGE_URL)
 * and the browser gives the preloaded answer to the page's own request, which goes through the API
 * client as always (status, guards, errors). Relative imports only: the build config loads this.
 */
export const HOME_PRODUCTS = { sort: 'default', pageSize: 10 } as const

/** The same URL the catalog client requests for page 1 (checked in test/pages/home.test.tsx). */
export const HOME_FIRST_PAGE_URL = buildUrl('', '/api/products', { sort: HOME_PRODUCTS.sort, page: 1, pageSize: HOME_PRODUCTS.pageSize })
