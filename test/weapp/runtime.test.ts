/**
 * The runtime's own behaviour: setData paths, the page stack with WeChat's refusals, tab pages
 * kept alive, storage across a relaunch, the request domain check and virtual timers.
 */
import { applyDataPath, patchBytes } from './runtime/page-data'
import { deepestLevel, readTemplateLevels, readTemplateNames, unrenderedNode } from './runtime/template-levels'
import { readNodeTemplates } from './runtime/view-templates'
import { DIST_DIR } from './runtime/mini-program'
import { setUpHarness } from './support/harness'
import { TABS } from './support/steps'

const h = setUpHarness()

describe('setData', () => {
  it('applies Taro-style paths, creating arrays and objects, and measures UTF-8 bytes', () => {
    const data: Record<string, unknown> = { root: { cn: [] } }
    applyDataPath(data, 'root.cn.[0].cn.[1]', { v: '你好' })
    applyDataPath(data, 'root.cn.[0].cl', 'card')
    expect(data).toEqual({ root: { cn: [{ cn: [undefined, { v: '你好' }], cl: 'card' }] } })
    expect(patchBytes({ a: '你' })).toBe(Buffer.byteLength('{"a":"你"}'))
  })
})

describe('the compiled templates', () => {
  it('name each node alias, its attributes and the events bound to eh', () => {
    const templates = [...readNodeTemplates(DIST_DIR).values()]
    const button = templates.find((template) => template.tag === 'button')
    expect(button?.attributes.get('open-type')).toMatch(/^p\d+$/)
    expect(button?.events.get('getphonenumber')).toBe('bind')
    expect(button?.events.get('agreeprivacyauthorization')).toBe('bind')
    expect(templates.find((template) => template.tag === 'form')?.events.get('submit')).toBe('bind')
  })
})

describe('the page stack', () => {
  it('navigateTo a tab page and switchTab to a non-tab page fail as in WeChat; navigateBack shows the page below', async () => {
    const mp = await h.launch()
    expect(mp.navigate('navigateTo', `/${TABS.cart}`)).toBe('can not navigateTo a tabbar page')
    expect(mp.navigate('switchTab', '/packageShop/search/index')).toBe('can not switch to no-tabBar page')
    expect(mp.navigate('navigateTo', '/pages/nowhere/index')).toBe('page "pages/nowhere/index" is not found')
    expect(mp.navigate('navigateTo', '/packageShop/search/index')).toBeNull()
    expect(mp.navigate('redirectTo', '/packageShop/outlets/index')).toBeNull()
    expect((mp.wx.getCurrentPages as () => { route: string }[])().map((page) => page.route)).toEqual([TABS.home, 'packageShop/outlets/index'])
    await mp.goBack()
    expect(mp.route).toBe(TABS.home)
    expect(mp.back()).toBe('cannot navigate back at first page.')
    expect(mp.errors).toEqual([])
  })

  it('switchTab keeps tab pages alive and closes the others; reLaunch starts over; at most 10 pages', async () => {
    const mp = await h.launch()
    const home = mp.page
    await mp.switchTab(TABS.mine)
    const mine = mp.page
    expect(mp.navigate('navigateTo', '/packageShop/search/index')).toBeNull()
    await mp.switchTab(TABS.home)
    expect(mp.page).toBe(home)
    await mp.switchTab(TABS.mine)
    expect(mp.page).toBe(mine)
    expect((mp.wx.getCurrentPages as () => unknown[])()).toHaveLength(1)
    for (let i = 0; i < 9; i += 1) expect(mp.navigate('navigateTo', '/packageShop/search/index')).toBeNull()
    expect(mp.navigate('navigateTo', '/packageShop/search/index')).toBe('webview count limit exceed')
    expect(mp.navigate('reLaunch', `/${TABS.category}`)).toBeNull()
    await mp.settle()
    expect((mp.wx.getCurrentPages as () => { route: string }[])().map((page) => page.route)).toEqual([TABS.category])
    await mp.switchTab(TABS.mine)
    expect(mp.page).not.toBe(mine)
    expect(mp.errors).toEqual([])
  })
})

describe('the device and the outside world', () => {
  it('storage survives a relaunch: the new launch shows the cart the first one filled', async () => {
    const mp = await h.launch()
    await mp.tap(mp.findAll({ className: 'product-card' })[0] ?? { text: 'no product' })
    await mp.tap({ text: '加入购物车', role: 'button' })
    const keys = [...mp.device.storage.keys()]
    expect(keys.length).toBeGreaterThan(0)
    const again = await h.relaunch(mp)
    expect(again.route).toBe(TABS.home)
    expect([...again.device.storage.keys()]).toEqual(keys)
    await again.switchTab(TABS.cart)
    expect(again.text()).toMatch(/共 1 件商品/)
  })

  it('a request to an origin the package was not built for fails as an unlisted domain', async () => {
    const mp = await h.launch()
    const failure = await new Promise((resolve) => {
      ;(mp.wx.request as (options: object) => void)({ url: 'https://example.invalid/x', fail: resolve, success: resolve })
    })
    expect(failure).toEqual({ errMsg: 'request:fail url not in domain list: https://example.invalid/x' })
  })

  it('timers run on a virtual clock: settle runs short ones, wait(ms) the long ones', async () => {
    const mp = await h.launch()
    const setTimeout = mp.timers.globals().setTimeout as (callback: () => void, ms: number) => number
    const ran: string[] = []
    setTimeout(() => ran.push('short'), 10)
    setTimeout(() => ran.push('long'), 5_000)
    await mp.settle()
    expect(ran).toEqual(['short'])
    await mp.wait(5_000)
    expect(ran).toEqual(['short', 'long'])
  })
})

describe('template levels', () => {
  // The rules of a Taro build with baseLevel 4: static levels 0–2; 0 = view, 5 = text (counts
  // only text ancestors), 14 = button (always level 0), 9 = plain text.
  const levels = { count: 3, nesting: new Set(['0', '5']), ownKindOnly: new Set(['5']), textAlias: '9' }
  const view = (sid: string, ...cn: object[]) => ({ nn: '0', sid, cn })

  it('reads the static levels and alias rules from the build', () => {
    const built = readTemplateLevels(DIST_DIR)
    expect(built.count).toBeGreaterThanOrEqual(4)
    expect(built.nesting.size).toBeGreaterThan(0)
    expect(built.textAlias).toMatch(/^\d+$/)
  })

  it('finds the deepest level a tree needs: nesting depth, own-kind text, level-0 kinds and their children', () => {
    expect(deepestLevel({ cn: [view('a', view('b', view('c', { nn: '9', sid: 't', v: 'x' })))] }, levels)).toEqual({ level: 2, sid: 'c' })
    // A text in a level-1 view counts only text ancestors (its own level: 0), but its template sits
    // below the view's, so it needs level 2; the text inside it has one text ancestor: level 1.
    expect(deepestLevel({ cn: [view('a', view('b', { nn: '5', sid: 's', cn: [{ nn: '5', sid: 'inner', cn: [] }] }))] }, levels)).toEqual({ level: 2, sid: 's' })
    expect(deepestLevel({ cn: [{ nn: '5', sid: 's', cn: [{ nn: '5', sid: 'inner', cn: [] }] }] }, levels)).toEqual({ level: 1, sid: 'inner' })
    // A button renders at level 0; a view inside it takes its nesting depth.
    expect(deepestLevel({ cn: [view('a', view('b', { nn: '14', sid: 'btn', cn: [view('deep')] }))] }, levels)).toEqual({ level: 3, sid: 'deep' })
  })

  it('finds a node WeChat renders nothing for: its template missing, or an ancestor\'s own', () => {
    const names = new Set(['tmpl_0_0', 'tmpl_1_0', 'tmpl_2_0', 'tmpl_0_5', 'tmpl_0_66', 'tmpl_0_9'])
    const scroll = (sid: string, ...cn: object[]) => ({ nn: '66', sid, cn })
    expect(unrenderedNode({ cn: [view('a', scroll('s', view('b'))), scroll('t')] }, levels, names)).toBeNull()
    expect(unrenderedNode({ cn: [scroll('outer', view('b', scroll('inner')))] }, levels, names)).toEqual({ sid: 'inner', template: 'tmpl_0_66', reason: expect.stringContaining('ancestor') })
    expect(unrenderedNode({ cn: [{ nn: '5', sid: 's', cn: [{ nn: '5', sid: 'inner', cn: [] }] }] }, levels, names)).toEqual({ sid: 'inner', template: 'tmpl_1_5', reason: 'is not in base.wxml' })
  })

  it('the build gives ScrollView and catchMove View one level: one inside its own kind renders nothing (config/size-settings.ts)', () => {
    const built = readTemplateLevels(DIST_DIR)
    const aliasOf = (tag: string, event?: string) => [...readNodeTemplates(DIST_DIR)].find(([, t]) => t.tag === tag && (!event || t.events.get(event) === 'catch'))?.[0] ?? ''
    const [scroll, catchView, nestingView] = [aliasOf('scroll-view'), aliasOf('view', 'touchmove'), [...built.nesting][0] ?? '']
    const node = (nn: string, sid: string, ...cn: object[]) => ({ nn, sid, cn })
    const names = readTemplateNames(DIST_DIR)
    expect(unrenderedNode({ cn: [node(scroll, 'a', node(nestingView, 'b')), node(catchView, 'c')] }, built, names)).toBeNull()
    expect(unrenderedNode({ cn: [node(scroll, 'a', node(nestingView, 'b', node(scroll, 'inner')))] }, built, names)?.sid).toBe('inner')
    expect(unrenderedNode({ cn: [node(catchView, 'mask', node(catchView, 'panel'))] }, built, names)?.sid).toBe('panel')
  })
})
