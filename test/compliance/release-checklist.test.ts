import fs from 'node:fs'
import { OPERATOR } from '@/operator'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'
import { PrivacyError } from '@/services/privacy/errors'
import { CHECKLIST_PATH, currentInputs, readEnvValue, renderReleaseChecklist, type ReleaseInputs } from '../../tools/compliance/release-checklist'

function appConfig(): ReleaseInputs['appConfig'] {
  // Taro's compile-time helper, the identity outside Taro.
  Object.assign(globalThis, { defineAppConfig: <T>(value: T) => value })
  let config: ReleaseInputs['appConfig'] | undefined
  jest.isolateModules(() => {
    config = (jest.requireActual('../../src/app.config') as { default: ReleaseInputs['appConfig'] }).default
  })
  if (!config) throw new Error('src/app.config.ts did not load')
  return config
}

describe('release checklist (docs/release-checklist.md)', () => {
  const inputs = currentInputs(appConfig())

  it('WX-OPS-2: the committed checklist is exactly what the catalog and app config generate (run npm run docs:release)', () => {
    expect(fs.readFileSync(CHECKLIST_PATH, 'utf8')).toBe(renderReleaseChecklist(inputs))
  })

  it('WX-OPS-2: it lists every declared item, the 采集用户隐私 answer, the getFuzzyLocation application, payment in the 简介 and the domains', () => {
    const document = renderReleaseChecklist(inputs)
    for (const item of DISCLOSED_ITEMS) expect(document).toContain(item.adminDeclaration ? `**${item.adminDeclaration}**` : item.title)
    expect(document).toContain('采集用户隐私: 是')
    expect(document).toContain('Apply for **获取模糊地理位置（wx.getFuzzyLocation）**')
    expect(document).toContain('微信支付')
    expect(document).toContain('request合法域名')
    expect(document).toContain('take effect after about 5 minutes')
  })

  it('WX-OPS-2: it follows its inputs: no fuzzy location → no application; an https API base → the domain to enter; operator placeholders flagged', () => {
    const noLocation = renderReleaseChecklist({ ...inputs, appConfig: { ...inputs.appConfig, requiredPrivateInfos: [] } })
    expect(noLocation).not.toContain('getFuzzyLocation）**')
    const https = renderReleaseChecklist({ ...inputs, apiBase: 'https://shop.example.com/api' })
    expect(https).toContain('- [x] request合法域名: `https://shop.example.com`')
    expect(renderReleaseChecklist({ ...inputs, apiBase: 'http://localhost:3030' })).toContain('- [ ] request合法域名: **set TARO_APP_API_BASE')
    expect(renderReleaseChecklist({ ...inputs, operator: { ...OPERATOR, placeholder: false } })).not.toContain('still holds the template')
    expect(readEnvValue('# c\nTARO_APP_API_BASE="https://a.example.com"\n', 'TARO_APP_API_BASE')).toBe('https://a.example.com')
  })

  it('WX-PRIV-8: __usePrivacyCheck__ is described accurately: on, and enforced by the platform since 2023-10-17 whatever it says', () => {
    const document = renderReleaseChecklist(inputs)
    expect(document).toContain('`__usePrivacyCheck__`: `true`. Since 2023-10-17 WeChat applies the privacy checks to every mini program whatever this flag says')
  })

  it('WX-OPS-2: the errno 112 developer message says declarations take effect after about 5 minutes', () => {
    const error = new PrivacyError({ code: 'NOT_DECLARED', api: 'getFuzzyLocation', itemId: 'fuzzyLocation', errno: 112 })
    expect(error.message).toContain('位置信息（模糊位置）')
    expect(error.message).toContain('about 5 minutes')
  })
})
