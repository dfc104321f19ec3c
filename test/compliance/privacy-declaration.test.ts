import fs from 'node:fs'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'
import { DECLARATION_PATH, missingFromDeclaration, renderPrivacyDeclaration } from '../../tools/compliance/privacy-declaration'

describe('generated privacy declaration (docs/privacy-declaration.md)', () => {
  it('WX-PRIV-6: the committed document is exactly what the catalog generates (run npm run docs:privacy)', () => {
    expect(fs.readFileSync(DECLARATION_PATH, 'utf8')).toBe(renderPrivacyDeclaration())
  })

  it('WX-PRIV-6: every catalog item appears in the document', () => {
    expect(missingFromDeclaration(fs.readFileSync(DECLARATION_PATH, 'utf8'))).toEqual([])
  })

  it('WX-PRIV-6: a catalog item missing from the document is reported by id', () => {
    const withoutPhone = renderPrivacyDeclaration(DISCLOSED_ITEMS.filter((item) => item.id !== 'phoneNumber'))
    expect(missingFromDeclaration(withoutPhone)).toEqual(['phoneNumber'])
  })

  it('WX-PRIV-6: each declared type lists its purpose and the APIs behind it', () => {
    const document = renderPrivacyDeclaration()
    expect(document).toMatch(/\| 手机号 \| 仅用于配送员联系你完成订单配送/)
    expect(document).toContain('`<Button openType="getPhoneNumber">`')
    expect(document).toMatch(/\| 位置信息（模糊位置） \|.*getFuzzyLocation/)
  })
})
