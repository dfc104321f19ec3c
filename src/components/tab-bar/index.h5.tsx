import type { MouseEvent } from 'react'
import { switchTab, type TabRoute } from '@/services/navigation'
import { tabOf, TABS } from './tabs'
import './index.scss'

/**
 * The H5 tab bar, shown at the bottom of the four tab pages. Taro's own is a Stencil web component
 * that brings the Stencil runtime into the first load (≈ 16.7 KB gzip, docs/performance.md); this
 * one is a plain navigation landmark: links with real hash URLs, the current page marked with
 * aria-current, and a tap switches tab through Taro's router (a bare hash change would push a
 * page instead of switching tab).
 */
export default function TabBar({ path }: { path: string }) {
  const current = tabOf(path)
  if (!current) return null

  const open = (event: MouseEvent<HTMLAnchorElement>, route: TabRoute) => {
    event.preventDefault()
    if (route !== `/${current.pagePath}`) switchTab(route)
  }

  return (
    <nav className='tab-bar' aria-label='主导航'>
      {TABS.map((tab) => {
        const route = `/${tab.pagePath}` as TabRoute
        const isCurrent = tab === current
        return (
          <a
            key={tab.pagePath}
            href={`#${route}`}
            className={`tab-bar__item tab-bar__item--${tab.icon}${isCurrent ? ' tab-bar__item--current' : ''}`}
            aria-current={isCurrent ? 'page' : undefined}
            onClick={(event) => open(event, route)}
          >
            <span className='tab-bar__icon' aria-hidden='true' />
            <span className='tab-bar__label'>{tab.text}</span>
          </a>
        )
      })}
    </nav>
  )
}
