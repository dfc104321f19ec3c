import { render } from '@testing-library/react'
import type { ComponentType } from 'react'
import { renderPage } from '../utils/render-page'

/**
 * Every page registered in app.config renders inside PageShell, which mounts the consent sheet and
 * the login sheet: a page without it could ask for nothing, or worse, could not show the agreement
 * before a privacy API (WX-PRIV-1/3). New pages come from `npm run new:page`, which writes one.
 */
type AppConfigShape = { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }

function registeredPages(): string[] {
  const config = (jest.requireActual('@/app.config') as { default: AppConfigShape }).default
  return [...config.pages, ...(config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
}

function hasPageShell(container: HTMLElement): boolean {
  return container.querySelector(':scope > [data-testid="page-shell"], :scope > * > [data-testid="page-shell"]') !== null
}

describe('PageShell on every page', () => {
  const pages = registeredPages()

  it('the app registers pages (the list below is not empty by accident)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10)
    expect(pages).toContain('pages/index/index')
  })

  it.each(pages)('WX-PRIV-3: %s renders inside PageShell', async (page) => {
    const Page = (jest.requireActual(`@/${page}`) as { default: ComponentType }).default
    const { container } = await renderPage(Page, { path: `/${page}`, params: { id: 'p001' } })
    expect(hasPageShell(container)).toBe(true)
  })

  it('the check fails for a page that skips PageShell', () => {
    const Bare = () => <div className='bare-page'>没有外壳的页面</div>
    const { container } = render(<Bare />)
    expect(hasPageShell(container)).toBe(false)
  })
})
