import { parsePageUrl, type AppManifest } from './app-json'

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'

/** WeChat allows at most 10 pages in the stack (官方文档 wx.navigateTo). */
export const MAX_PAGES = 10

interface StackPage {
  route: string
}

/**
 * WeChat's page stack (官方文档 路由): which pages are open, which page lifecycles a navigation
 * runs, and the navigations WeChat refuses. Tab pages stay alive (hidden) after switchTab away.
 */
export class PageStack<Page extends StackPage> {
  private readonly stack: Page[] = []
  private readonly tabPages = new Map<string, Page>()

  constructor(
    private readonly manifest: AppManifest,
    private readonly hooks: {
      create(route: string, query: Record<string, string>): Page
      call(page: Page, hook: string, ...args: unknown[]): void
    },
  ) {}

  top(): Page | undefined {
    return this.stack[this.stack.length - 1]
  }

  /** getCurrentPages(): bottom to top. */
  list(): Page[] {
    return [...this.stack]
  }

  open(route: string, query: Record<string, string>): void {
    if (!this.manifest.routes.includes(route)) throw new Error(`page "${route}" is not in app.json`)
    const page = this.hooks.create(route, query)
    this.stack.push(page)
    if (this.manifest.tabRoutes.includes(route)) this.tabPages.set(route, page)
    this.hooks.call(page, 'onLoad', query)
    this.hooks.call(page, 'onShow')
    this.hooks.call(page, 'onReady')
  }

  private unload(page: Page): void {
    this.hooks.call(page, 'onUnload')
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route)
  }

  /** Unloads every page, hidden tab pages included (reLaunch, or the runtime closing). */
  closeAll(): void {
    while (this.stack.length > 0) this.unload(this.stack.pop() as Page)
    for (const page of this.tabPages.values()) this.hooks.call(page, 'onUnload')
    this.tabPages.clear()
  }

  /** Returns WeChat's refusal, or null when the navigation happened. */
  navigate(kind: NavigationKind, url: string): string | null {
    const { route, query } = parsePageUrl(url, this.top()?.route)
    if (!this.manifest.routes.includes(route)) return `page "${route}" is not found`
    const isTab = this.manifest.tabRoutes.includes(route)
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab) return `can not ${kind} a tabbar page`
    if (kind === 'switchTab' && !isTab) return 'can not switch to no-tabBar page'
    const current = this.top()
    if (kind === 'navigateTo') {
      if (this.stack.length >= MAX_PAGES) return 'webview count limit exceed'
      if (current) this.hooks.call(current, 'onHide')
    } else if (kind === 'redirectTo') {
      const replaced = this.stack.pop()
      if (replaced) this.unload(replaced)
    } else if (kind === 'switchTab') {
      // Non-tab pages close; the tab pages stay alive (hidden).
      while (this.stack.length > 0) {
        const page = this.stack.pop() as Page
        if (this.tabPages.get(page.route) === page) this.hooks.call(page, 'onHide')
        else this.unload(page)
      }
      const alive = this.tabPages.get(route)
      if (alive) {
        this.stack.push(alive)
        this.hooks.call(alive, 'onShow')
        return null
      }
    } else {
      this.closeAll()
    }
    this.open(route, query)
    return null
  }

  /** navigateBack: closes `delta` pages; the one below shows again. */
  back(delta: number): string | null {
    if (this.stack.length <= 1) return 'cannot navigate back at first page.'
    const count = Math.min(delta, this.stack.length - 1)
    for (let i = 0; i < count; i += 1) this.unload(this.stack.pop() as Page)
    const shown = this.top()
    if (shown) this.hooks.call(shown, 'onShow')
    return null
  }
}
