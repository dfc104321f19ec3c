import { fireEvent, screen } from '@testing-library/react'
import { OPERATOR } from '@/operator'
import ContactPage from '@/packageAccount/contact/index'
import MinePage from '@/pages/mine/index'
import PrivacyGuidePage from '@/packagePrivacy/guide'
import { renderPage } from '../utils/render-page'
import { taroFake } from '../utils/taro-api'

describe('联系我们 (WX-OPS-1)', () => {
  it('WX-OPS-1: 我的 → 联系我们 opens the contact page, for visitors too', async () => {
    await renderPage(MinePage, { path: '/pages/mine/index', backend: null })
    fireEvent.click(screen.getByText('联系我们'))
    expect(taroFake.callsTo('navigateTo')[0]?.args[0]).toMatchObject({ url: '/packageAccount/contact/index' })
  })

  it('WX-OPS-1: the page names the operator, the contact and the complaint channel from the one config, with WeChat\'s customer-service button', async () => {
    await renderPage(ContactPage, { path: '/packageAccount/contact/index', backend: null })
    const text = screen.getByTestId('contact').textContent ?? ''
    for (const fact of [OPERATOR.name, OPERATOR.phone, OPERATOR.email, OPERATOR.complaint]) expect(text).toContain(fact)
    expect(screen.getByText('联系客服').closest('[data-open-type]')?.getAttribute('data-open-type')).toBe('contact')
  })

  it('WX-OPS-1: the in-app privacy guide names the operator and how to reach them', async () => {
    await renderPage(PrivacyGuidePage, { path: '/packagePrivacy/guide', backend: null })
    const section = screen.getByTestId('guide-operator').textContent ?? ''
    expect(section).toContain(`本小程序由${OPERATOR.name}运营`)
    expect(section).toContain(OPERATOR.phone)
    expect(section).toContain('联系我们')
  })
})
