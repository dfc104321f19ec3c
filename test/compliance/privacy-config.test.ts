import path from 'node:path'
import { checkPrivacyConfig, declarableApisUsed, readSources } from '../../tools/weapp/privacy-config'

type AppConfig = Parameters<typeof checkPrivacyConfig>[0] & { pages: string[] }

function loadSourceAppConfig(): AppConfig {
  Object.assign(globalThis, { defineAppConfig: (config: AppConfig) => config })
  let config: AppConfig | undefined
  jest.isolateModules(() => {
    config = (jest.requireActual('../../src/app.config') as { default: AppConfig }).default
  })
  if (!config) throw new Error('src/app.config.ts did not load')
  return config
}

const fuzzy = {
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getFuzzyLocation'],
  permission: { 'scope.userFuzzyLocation': { desc: '用于为你推荐最近的门店' } },
}

describe('app config privacy check', () => {
  it('WX-LOC-1, WX-LOC-2: the source app config declares exactly the location APIs the code calls, with a short desc', () => {
    const used = declarableApisUsed(readSources(path.resolve(__dirname, '../../src')))
    expect([...used]).toEqual(['getFuzzyLocation'])
    expect(checkPrivacyConfig(loadSourceAppConfig(), used)).toEqual([])
  })

  it('finds Taro member calls, bracket access and named imports', () => {
    expect(declarableApisUsed([
      "Taro.getFuzzyLocation({})",
      "wx['chooseAddress']({})",
      "import Taro, { getLocation as gl, navigateTo } from '@tarojs/taro'",
    ])).toEqual(new Set(['getFuzzyLocation', 'chooseAddress', 'getLocation']))
  })

  it('WX-LOC-1: an app.json declaring getLocation next to getFuzzyLocation fails', () => {
    const problems = checkPrivacyConfig(
      { ...fuzzy, requiredPrivateInfos: ['getFuzzyLocation', 'getLocation'], permission: { ...fuzzy.permission, 'scope.userLocation': { desc: '定位' } } },
      new Set(['getFuzzyLocation', 'getLocation']),
    )
    expect(problems).toContain('getFuzzyLocation and getLocation are mutually exclusive in requiredPrivateInfos (WX-LOC-1)')
  })

  it('WX-LOC-1: a called API that is not declared, and a declared API nobody calls, both fail', () => {
    expect(checkPrivacyConfig({ ...fuzzy, requiredPrivateInfos: [] }, new Set(['getFuzzyLocation']))).toEqual([
      'the code calls getFuzzyLocation but requiredPrivateInfos does not declare it (WX-LOC-1)',
    ])
    expect(checkPrivacyConfig(fuzzy, new Set())).toEqual(['requiredPrivateInfos declares getFuzzyLocation, which no code calls (WX-LOC-1)'])
  })

  it('WX-LOC-2: a missing desc and a 31-character desc fail; 30 characters pass', () => {
    expect(checkPrivacyConfig({ ...fuzzy, permission: {} }, new Set(['getFuzzyLocation']))).toEqual([
      'permission["scope.userFuzzyLocation"].desc is missing: say why getFuzzyLocation is needed (WX-LOC-2)',
    ])
    const desc31 = '用'.repeat(31)
    expect(checkPrivacyConfig({ ...fuzzy, permission: { 'scope.userFuzzyLocation': { desc: desc31 } } }, new Set(['getFuzzyLocation']))).toEqual([
      'permission["scope.userFuzzyLocation"].desc is 31 characters; WeChat allows at most 30 (WX-LOC-2)',
    ])
    expect(checkPrivacyConfig({ ...fuzzy, permission: { 'scope.userFuzzyLocation': { desc: '用'.repeat(30) } } }, new Set(['getFuzzyLocation']))).toEqual([])
  })

  it('WX-PRIV-8: a config without __usePrivacyCheck__ fails', () => {
    expect(checkPrivacyConfig({ ...fuzzy, __usePrivacyCheck__: false }, new Set(['getFuzzyLocation']))).toEqual(['__usePrivacyCheck__ must be true (WX-PRIV-8)'])
  })
})
