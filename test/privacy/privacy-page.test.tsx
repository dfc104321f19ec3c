import { fireEvent, screen } from '@testing-library/react'
import { privacy } from '@/app-root'
import PrivacyGuidePage from '@/packagePrivacy/guide'
import PrivacyPage from '@/packagePrivacy/index'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

describe('隐私与数据 page', () => {
  it('WX-PRIV-6: lists every catalog item with its purpose, when it is asked and how long it is kept', async () => {
    await renderPage(PrivacyPage, { path: '/packagePrivacy/index', backend: null })
    for (const item of DISCLOSED_ITEMS) {
      const row = document.querySelector(`[data-testid="privacy-item-${item.id}"]`)
      expect(row?.textContent).toContain(item.title)
      expect(row?.textContent).toContain(item.purpose)
      expect(row?.textContent).toContain(item.retention)
    }
  })

  it('WX-DATA-2: shows what the user refused and lets them withdraw that choice', async () => {
    privacy.refusals.record('phoneNumber')
    await renderPage(PrivacyPage, { path: '/packagePrivacy/index', backend: null })
    screen.getByText(/^手机号 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)

    fireEvent.click(screen.getByText('允许再次询问'))
    expect(screen.queryByText(/^手机号 · /)).toBeNull()
    expect(privacy.refusals.get('phoneNumber')).toBeUndefined()
    screen.getByText('暂无。你拒绝后，我们不会主动再次询问。')
  })

  it('WX-PRIV-2: 查看《隐私保护指引》 opens the contract, falling back to the in-app guide', async () => {
    await renderPage(PrivacyPage, { path: '/packagePrivacy/index', backend: null })
    fireEvent.click(screen.getByText('查看《隐私保护指引》'))
    await screen.findByText('查看《隐私保护指引》')
    expect(taroFake.apiNames()).toContain('openPrivacyContract')
  })

  it('the in-app guide is generated from the catalog', async () => {
    await renderPage(PrivacyGuidePage, { path: '/packagePrivacy/guide', backend: null })
    for (const item of DISCLOSED_ITEMS) expect(document.body.textContent).toContain(item.purpose)
  })
})
