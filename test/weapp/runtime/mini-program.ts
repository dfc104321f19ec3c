import path from 'node:path'
import { parsePageUrl, readManifest, type AppManifest } from './app-json'
import { CallLog } from './call-log'
import { readDeclaredTypes } from './declarations'
import { Device } from './device'
import { ModuleLoader } from './module-loader'
import { Network } from './network'
import { applyDataPath, patchBytes, SET_DATA_LIMIT_BYTES, type DataRecord } from './page-data'
import { compareWithOfficialRender } from './official-render'
import { PageStack, type NavigationKind } from './page-stack'
import { PrivacyPlatform } from './privacy-platform'
import { deepestLevel, readTemplateLevels, readTemplateNames, unrenderedNode, type TemplateLevels } from './template-levels'
import { SETTLE_HORIZON_MS, VirtualTimers } from './timers'
import { UserScript } from './user-script'
import { buildViewTree, describeQuery, queryAll, type ElementQuery, type ViewElement } from './view-tree'
import { readNodeTemplates, type NodeTemplate } from './view-templates'
import { createWx } from './wx-api'

export interface LaunchOptions {
  distDir: string
  /** The running backend's origin, e.g. http://127.0.0.1:41234. */
  backendUrl: string
  /** The API base the package was built with (TARO_APP_API_BASE); mapped to backendUrl. */
  apiOrigin: string
  /** docs/privacy-declaration.md: the information types declared in the admin console. */
  declarationFile: string
  /** The same device on a relaunch (storage, agreement, scopes survive). */
  device?: Device
  user?: UserScript
  /** The launch page (default: app.json's first page) and its query. */
  path?: string
  /** Set to a fresh value to measure a cold launch (no compile cache); see ModuleLoader. */
  sourceTag?: string
  /**
   * After launch and every user action, also render the page through the official templates (wcc)
   * and report any difference from what the runtime reads (default true).
   */
  officialRender?: boolean
}

export interface SetDataRecord {
  step: string
  route: string
  bytes: number
  keys: number
}

type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown
type PageConfig = Record<string, unknown> & { data?: DataRecord }

export interface PageInstance extends Record<string, unknown> {
  route: string
  options: Record<string, string>
  data: DataRecord
  setData(patch: DataRecord, callback?: () => void): void
}

/**
 * A WeChat mini program runtime for tests: loads the compiled package (dist/) as WeChat does,
 * runs App/Page lifecycles and the page stack, applies setData to page data, and plays the view
 * layer: finds elements in the rendered data and dispatches events through the page's `eh`.
 */
export class MiniProgram {
  readonly manifest: AppManifest
  readonly device: Device
  readonly user: UserScript
  readonly log = new CallLog()
  /** Problems WeChat would surface: page errors, refused calls, unanswered prompts. */
  readonly errors: string[] = []
  readonly setDataLog: SetDataRecord[] = []
  readonly requests: { method: string; path: string; status: number }[] = []
  readonly toasts: string[] = []
  readonly timers: VirtualTimers
  readonly privacy: PrivacyPlatform
  readonly wx: Record<string, unknown>
  private readonly loader: ModuleLoader
  private readonly network: Network
  private readonly templates: Map<string, NodeTemplate>
  private readonly pageConfigs = new Map<string, PageConfig>()
  private readonly pages: PageStack<PageInstance>
  private readonly nativeValues = new Map<string, string>()
  private appConfig: Record<string, unknown> | null = null
  private loadingRoute: string | null = null
  private tapDepth = 0
  private activity = 0
  private step = 'launch'
  private namedStep = false
  /** ms spent evaluating app.js (with what it requires) and the first page's file. */
  readonly launchCost = { appMs: 0, pageMs: 0 }

  private readonly officialRender: boolean
  /** The page and setData count last checked against the official templates. */
  private renderedVersion = ''
  private readonly templateLevels: TemplateLevels
  private readonly templateNames: ReadonlySet<string>
  /** Per route, the deepest base.wxml template level its rendered data needed (see template-levels.ts). */
  readonly deepestLevels = new Map<string, { level: number; sid: string }>()

  private constructor(options: LaunchOptions) {
    this.officialRender = options.officialRender ?? true
    this.manifest = readManifest(options.distDir)
    this.templates = readNodeTemplates(options.distDir)
    this.templateLevels = readTemplateLevels(options.distDir)
    this.templateNames = readTemplateNames(options.distDir)
    this.pages = new PageStack(this.manifest, {
      create: (route, query) => this.createPage(route, query),
      call: (page, hook, ...args) => void this.callPage(page, hook, ...args),
    })
    this.device = options.device ?? new Device()
    this.user = options.user ?? new UserScript()
    this.timers = new VirtualTimers((error) => this.fail('timer', error))
    this.privacy = new PrivacyPlatform({
      device: this.device,
      user: this.user,
      log: this.log,
      now: () => this.timers.now(),
      declaredTypes: readDeclaredTypes(options.declarationFile),
      requiredPrivateInfos: this.manifest.json.requiredPrivateInfos ?? [],
      route: () => this.top()?.route ?? null,
      inTap: () => this.tapDepth > 0,
      report: (problem) => this.errors.push(problem),
    })
    this.network = new Network({
      apiOrigin: options.apiOrigin.replace(/\/$/, ''),
      backendUrl: () => options.backendUrl,
      device: this.device,
      parseJson: (text) => this.loader.evaluate<(t: string) => unknown>('JSON.parse')(text),
      onRequest: (entry) => {
        this.activity += 1
        this.requests.push(entry)
      },
    })
    this.wx = createWx({
      device: this.device,
      network: this.network,
      privacy: this.privacy,
      user: this.user,
      navigate: (kind, url) => this.navigate(kind, url),
      navigateBack: (delta) => this.back(delta),
      getCurrentPages: () => this.pages.list(),
      toast: (title) => this.toasts.push(title),
      report: (problem) => this.errors.push(problem),
      parseJson: (text) => this.loader.evaluate<(t: string) => unknown>('JSON.parse')(text),
    })
    this.loader = new ModuleLoader(options.distDir, {
      ...this.timers.globals(),
      console: this.console(),
      wx: this.wx,
      App: (config: Record<string, unknown>) => {
        this.appConfig = config
      },
      Page: (config: PageConfig) => {
        if (!this.loadingRoute) throw new Error('Page() called outside a page file')
        this.pageConfigs.set(this.loadingRoute, config)
      },
      Component: () => undefined,
      getApp: () => this.appConfig,
      getCurrentPages: () => this.pages.list(),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin(${name}): plugins are not emulated`)
      },
    }, options.sourceTag)
  }

  /** Launches the package: app.js, App onLaunch/onShow, then the entry page (WeChat's cold start). */
  static async launch(options: LaunchOptions): Promise<MiniProgram> {
    const mp = new MiniProgram(options)
    const started = performance.now()
    mp.loader.require('app.js')
    mp.launchCost.appMs = performance.now() - started
    if (!mp.appConfig) throw new Error('app.js did not call App()')
    const { route, query } = parsePageUrl(options.path ?? `/${mp.manifest.entryRoute}`, undefined)
    const launchOptions = { path: route, query, scene: 1001, referrerInfo: {} }
    mp.callApp('onLaunch', launchOptions)
    mp.callApp('onShow', launchOptions)
    const pageStarted = performance.now()
    mp.pages.open(route, query)
    mp.launchCost.pageMs = performance.now() - pageStarted
    await mp.settled()
    return mp
  }

  close(): void {
    this.pages.closeAll()
    this.timers.clearAll()
  }

  // ---- logic layer ---------------------------------------------------------------------------

  private console(): Record<string, unknown> {
    const keep = (level: string) => (...args: unknown[]) => {
      if (level === 'error') this.errors.push(`console.error: ${args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' ')}`)
    }
    return { log: keep('log'), info: keep('info'), warn: keep('warn'), error: keep('error'), debug: keep('debug') }
  }

  private fail(where: string, error: unknown): void {
    this.errors.push(`${where}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  }

  private callApp(name: string, ...args: unknown[]): void {
    const hook = this.appConfig?.[name]
    if (typeof hook !== 'function') return
    try {
      ;(hook as (...a: unknown[]) => unknown).apply(this.appConfig, args)
    } catch (error) {
      this.fail(`App.${name}`, error)
    }
  }

  private callPage(page: PageInstance, name: string, ...args: unknown[]): unknown {
    const hook = page[name]
    if (typeof hook !== 'function') return undefined
    try {
      return (hook as Lifecycle).apply(page, args)
    } catch (error) {
      this.fail(`${page.route} ${name}`, error)
      return undefined
    }
  }

  private pageConfig(route: string): PageConfig {
    const known = this.pageConfigs.get(route)
    if (known) return known
    this.loadingRoute = route
    try {
      // A subpackage's page file requires its sub-common chunks itself, as WeChat loads them.
      this.loader.require(`${route}.js`)
    } finally {
      this.loadingRoute = null
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    return config
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const config = this.pageConfig(route)
    const page = Object.create(config) as PageInstance
    page.route = route
    page.__route__ = route
    page.options = query
    page.data = structuredClone(config.data ?? {})
    page.setData = (patch, callback) => this.setData(page, patch, callback)
    page.selectComponent = () => null
    page.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined })
    return page
  }

  private setData(page: PageInstance, patch: DataRecord, callback?: () => void): void {
    const bytes = patchBytes(patch)
    this.activity += 1
    this.setDataLog.push({ step: this.step, route: page.route, bytes, keys: Object.keys(patch).length })
    if (bytes > SET_DATA_LIMIT_BYTES) {
      this.errors.push(`setData on ${page.route} is ${bytes} bytes, over WeChat's 1024 kB limit`)
      return
    }
    for (const [key, value] of Object.entries(patch)) applyDataPath(page.data, key, value)
    // WeChat calls back after the view has rendered: a later turn, never synchronously.
    if (callback) this.timers.schedule(callback, 0)
  }

  private top(): PageInstance | undefined {
    return this.pages.top()
  }

  /** wx.navigateTo / redirectTo / switchTab / reLaunch, with WeChat's refusals; null when done. */
  navigate(kind: NavigationKind, url: string): string | null {
    return this.pages.navigate(kind, url)
  }

  /** wx.navigateBack (and the back button): closes `delta` pages, the one below shows again. */
  back(delta = 1): string | null {
    return this.pages.back(delta)
  }

  // ---- time ----------------------------------------------------------------------------------

  /**
   * Lets the package run until it is idle: due timers (within SETTLE_HORIZON_MS of virtual time),
   * promise jobs and HTTP responses. Bounded by a count of turns, never by wall time.
   */
  async settle(): Promise<void> {
    let quiet = 0
    for (let turn = 0; quiet < 3; turn += 1) {
      if (turn > 5000) throw new Error('the package did not become idle (a timer or request loop?)')
      const before = this.activity
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (this.network.pending > 0) {
        await this.network.idle()
        quiet = 0
        continue
      }
      const next = this.timers.nextDue()
      if (next !== null && next <= this.timers.now() + SETTLE_HORIZON_MS) {
        this.timers.runNext(next)
        quiet = 0
        continue
      }
      quiet = this.activity === before ? quiet + 1 : 0
    }
  }

  /** settle(), then the rendered page is checked against the official templates. */
  private async settled(): Promise<void> {
    await this.settle()
    const page = this.top()
    const version = `${page?.route}:${this.setDataLog.length}`
    if (!page || version === this.renderedVersion) return
    this.renderedVersion = version
    this.checkTemplateLevels(page)
    if (this.officialRender) this.errors.push(...compareWithOfficialRender(this.manifest.distDir, page.route, page.data, this.elements()))
  }

  /**
   * Records the deepest template level the page needs; past base.wxml's static levels a node would
   * render through Taro's recursive `comp` component, which the official-render check cannot see
   * into and which costs a component instance per subtree: an error naming the node.
   */
  private checkTemplateLevels(page: PageInstance): void {
    const deepest = deepestLevel(page.data.root, this.templateLevels)
    if (deepest.level > (this.deepestLevels.get(page.route)?.level ?? -1)) this.deepestLevels.set(page.route, deepest)
    if (deepest.level >= this.templateLevels.count) {
      const problem = `${page.route} #${deepest.sid} needs template level ${deepest.level}; base.wxml has static levels 0–${this.templateLevels.count - 1} (Taro's baseLevel ${this.templateLevels.count + 1}, config/size-settings.ts): flatten the markup or raise the level`
      if (!this.errors.includes(problem)) this.errors.push(problem)
    }
    const unrendered = unrenderedNode(page.data.root, this.templateLevels, this.templateNames)
    if (unrendered) {
      const problem = `${page.route} #${unrendered.sid} renders nothing in WeChat: its template ${unrendered.template} ${unrendered.reason}; un-nest it, or give its kind more levels (config/size-settings.ts)`
      if (!this.errors.includes(problem)) this.errors.push(problem)
    }
  }

  /** The user waits `ms` (virtual): timers due by then run, in order. */
  async wait(ms: number): Promise<void> {
    const until = this.timers.now() + ms
    while (this.timers.runNext(until)) await this.settle()
    this.timers.moveTo(until)
    await this.settle()
  }

  // ---- view layer ----------------------------------------------------------------------------

  /** The page at the top of the stack. */
  get page(): PageInstance {
    const page = this.top()
    if (!page) throw new Error('no page is open')
    return page
  }

  get route(): string {
    return this.page.route
  }

  /** Names the journey step that following setData calls belong to (for the setData report). */
  beginStep(name: string): void {
    this.step = name
    this.namedStep = true
  }

  endStep(): void {
    this.namedStep = false
  }

  /** Outside a named step, each user action is its own step in the setData log. */
  private action(description: string): void {
    if (!this.namedStep) this.step = description
  }

  elements(): ViewElement[] {
    return buildViewTree(this.page.data.root, this.templates)
  }

  /** All text the current page renders. */
  text(): string {
    return this.elements().filter((element) => element.parent === null).map((element) => element.text).join('\n')
  }

  findAll(query: ElementQuery): ViewElement[] {
    return queryAll(this.elements(), query)
  }

  find(query: ElementQuery): ViewElement {
    const found = this.findAll(query)
    if (found.length === 0) throw new Error(`no element with ${describeQuery(query)} on ${this.route}. The page shows:\n${this.text()}`)
    if (found.length > 1) throw new Error(`${found.length} elements with ${describeQuery(query)} on ${this.route}`)
    return found[0] as ViewElement
  }

  has(query: ElementQuery): boolean {
    return this.findAll(query).length > 0
  }

  private event(type: string, target: ViewElement, currentTarget: ViewElement, detail: unknown): Record<string, unknown> {
    const node = (element: ViewElement) => ({ id: element.id, dataset: { sid: element.sid } })
    return { type, timeStamp: Math.round(this.timers.now()), target: node(target), currentTarget: node(currentTarget), detail, mark: {}, touches: [], changedTouches: [] }
  }

  private callHandler(type: string, target: ViewElement, currentTarget: ViewElement, detail: unknown): void {
    this.callPage(this.page, 'eh', this.event(type, target, currentTarget, detail))
  }

  /** A component event on one element (input, submit, getphonenumber…): no bubbling. */
  private dispatch(element: ViewElement, type: string, detail: unknown): boolean {
    if (!element.binds(type)) return false
    this.callHandler(type, element, element, detail)
    return true
  }

  private resolve(target: ElementQuery | ViewElement): ViewElement {
    return 'sid' in target ? target : this.find(target)
  }

  /**
   * A tap, as WeChat's view layer delivers it: `tap` bubbles from the element through every
   * ancestor bound with bindtap (catchtap stops it); a button inside it then does its open-type
   * or form-type work. API calls during it count as a "user TAP gesture".
   */
  async tap(target: ElementQuery | ViewElement): Promise<void> {
    const element = this.resolve(target)
    this.action(`tap "${element.text.slice(0, 20)}"`)
    const button = this.closest(element, 'button')
    if (button && button.attr('disabled') === true) throw new Error(`"${button.text}" is disabled`)
    this.tapDepth += 1
    try {
      for (let node: ViewElement | null = element; node; node = node.parent) {
        const binding = node.binds('tap')
        if (binding) this.callHandler('tap', element, node, { x: 0, y: 0 })
        if (binding === 'catch') break
      }
      if (button) await this.buttonAction(button)
      // The gesture lasts for the tap's own turn: work after a network round trip is not a tap.
      await new Promise<void>((resolve) => setImmediate(resolve))
    } finally {
      this.tapDepth -= 1
    }
    await this.settled()
  }

  private closest(element: ViewElement, tag: string): ViewElement | null {
    for (let node: ViewElement | null = element; node; node = node.parent) if (node.tag === tag) return node
    return null
  }

  private async buttonAction(button: ViewElement): Promise<void> {
    const openTypes = String(button.attr('open-type') ?? '').split('|').filter(Boolean)
    if (openTypes.includes('agreePrivacyAuthorization')) {
      this.privacy.agreeButtonTapped(button.id)
      this.dispatch(button, 'agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' })
    }
    if (openTypes.includes('getPhoneNumber')) {
      const detail = this.privacy.phoneButton()
      void detail.then((value) => this.dispatch(button, 'getphonenumber', value))
    }
    if (openTypes.includes('chooseAvatar')) {
      void this.privacy.avatarButton().then((value) => value && this.dispatch(button, 'chooseavatar', value))
    }
    const formType = button.attr('form-type')
    const form = this.closest(button, 'form')
    if (form && formType === 'submit') this.dispatch(form, 'submit', { value: this.formValues(form) })
    if (form && formType === 'reset') this.dispatch(form, 'reset', {})
  }

  /** What WeChat puts in a form's submit detail.value: each named control's current value. */
  private formValues(form: ViewElement): Record<string, string> {
    const values: Record<string, string> = {}
    const visit = (element: ViewElement) => {
      const name = element.attr('name')
      if ((element.tag === 'input' || element.tag === 'textarea') && typeof name === 'string' && name !== '') {
        values[name] = this.nativeValues.get(element.sid) ?? String(element.attr('value') ?? '')
      }
      element.children.forEach(visit)
    }
    form.children.forEach(visit)
    return values
  }

  /**
   * The user types `value` into an input: focus, one input event with the whole text, blur. A
   * nickname input asks the privacy platform how it behaves (degraded before the agreement) and,
   * as the nickname keyboard, gets WeChat's review result (nicknamereview) after blur.
   */
  async type(target: ElementQuery | ViewElement, value: string): Promise<void> {
    const element = this.resolve(target)
    if (element.tag !== 'input' && element.tag !== 'textarea') throw new Error(`cannot type into a <${element.tag}>`)
    this.action(`type into ${String(element.attr('placeholder') ?? element.id)}`)
    if (element.attr('disabled') === true) throw new Error('the input is disabled')
    const mode = element.attr('type') === 'nickname' ? this.privacy.nicknameInputMode() : 'text'
    this.dispatch(element, 'focus', { value: this.nativeValues.get(element.sid) ?? '', height: 0 })
    this.nativeValues.set(element.sid, value)
    this.dispatch(element, 'input', { value, cursor: value.length, keyCode: 0 })
    await this.settle()
    this.dispatch(this.resolve({ id: element.id }), 'blur', { value })
    if (mode === 'nickname') this.dispatch(element, 'nicknamereview', this.privacy.nicknameReview())
    await this.settled()
  }

  /** The keyboard's confirm key. */
  async confirm(target: ElementQuery | ViewElement): Promise<void> {
    const element = this.resolve(target)
    this.dispatch(element, 'confirm', { value: this.nativeValues.get(element.sid) ?? String(element.attr('value') ?? '') })
    await this.settled()
  }

  /** The user taps a tab in the tab bar. */
  async switchTab(route: string): Promise<void> {
    this.action(`tab ${route}`)
    const failure = this.navigate('switchTab', `/${route}`)
    if (failure) throw new Error(failure)
    await this.settled()
  }

  /** The user taps the navigation bar's back button. */
  async goBack(): Promise<void> {
    this.action('back')
    const failure = this.back(1)
    if (failure) throw new Error(failure)
    await this.settled()
  }

  /** Settles until the page's text matches `pattern` (or throws with what the page shows). */
  async waitForText(pattern: RegExp): Promise<void> {
    for (let attempt = 0; attempt < 20 && !pattern.test(this.text()); attempt += 1) await this.settle()
    if (!pattern.test(this.text())) throw new Error(`${this.route} does not show ${String(pattern)}. It shows:\n${this.text()}`)
  }

  /** Settles until `query` is on the page (or throws with what the page shows). */
  async waitFor(query: ElementQuery): Promise<ViewElement> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if (this.has(query)) return this.find(query)
      await this.settle()
    }
    return this.find(query)
  }
}

export const DIST_DIR = path.resolve(__dirname, '..', '..', '..', 'dist')
