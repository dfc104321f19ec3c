/**
 * Builds the floor to compare against: an empty Taro 4.2.1 React + TypeScript app (one page with
 * one line of text) with this repository's packages, for h5 and weapp, in .tmp/empty-template/:
 * with Taro's default settings (dist-h5/, dist/), and the weapp once more with this repository's
 * size settings (config/size-settings.ts, copied into the template's config/: baseLevel, terser, JS
 * target, single-level templates) in dist-same-settings/, for a like-for-like ratio. Prints the
 * build times and returns the output folders.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')
export const EMPTY_DIR = path.join(ROOT, '.tmp', 'empty-template')

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'empty-taro-template', private: true, browserslist: ['defaults and fully supports es6-module', 'maintained node versions'] }),
  'babel.config.js': "module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', strict: true, skipLibCheck: true } }),
  'project.config.json': JSON.stringify({ miniprogramRoot: 'dist/', appid: 'touristappid', compileType: 'miniprogram' }),
  'config/index.ts': [
    "import { defineConfig } from '@tarojs/cli'",
    "import { applyWeappSizeSettings, WEAPP_BASE_LEVEL, WEAPP_TERSER_CONFIG } from './size-settings'",
    `const sameSettings = process.env.SAME_SIZE_SETTINGS === '1'`,
    "export default defineConfig<'webpack5'>({",
    "  projectName: 'empty', designWidth: 750, sourceRoot: 'src',",
    '  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },',
    "  outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : sameSettings ? 'dist-same-settings' : 'dist',",
    "  framework: 'react', compiler: 'webpack5', cache: { enable: false },",
    "  mini: {}, h5: { publicPath: '/', staticDirectory: 'static', router: { mode: 'hash' } },",
    '  ...(sameSettings ? { baseLevel: WEAPP_BASE_LEVEL, terser: { enable: true, config: WEAPP_TERSER_CONFIG }, mini: { webpackChain: applyWeappSizeSettings } } : {}),',
    '})',
    '',
  ].join('\n'),
  // The same file as this repository's, so both builds read one source for each setting.
  'config/size-settings.ts': fs.readFileSync(path.join(ROOT, 'config', 'size-settings.ts'), 'utf8'),
  'src/app.ts': "import type { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) { return children }\n",
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/index/index'] })\n",
  'src/index.html': '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>empty</title></head><body><div id="app"></div></body></html>\n',
  'src/pages/index/index.tsx': "import { Text, View } from '@tarojs/components'\nexport default function Index() { return <View className='hello'><Text>Hello world!</Text></View> }\n",
  'src/pages/index/index.config.ts': "export default definePageConfig({ navigationBarTitleText: '首页' })\n",
}

export interface EmptyTemplateBuild {
  h5Dir: string
  /** Taro's defaults. */
  weappDir: string
  /** This repository's size settings (config/size-settings.ts). */
  weappSameSettingsDir: string
  h5BuildMs: number
  weappBuildMs: number
}

export function buildEmptyTemplate(): EmptyTemplateBuild {
  fs.rmSync(EMPTY_DIR, { recursive: true, force: true })
  for (const [name, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(EMPTY_DIR, name)), { recursive: true })
    fs.writeFileSync(path.join(EMPTY_DIR, name), content)
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(EMPTY_DIR, 'node_modules'), 'dir')
  const taro = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro')
  const build = (type: string, sameSettings = false) => {
    const started = Date.now()
    const env = { ...process.env, NODE_ENV: 'production' as const, SAME_SIZE_SETTINGS: sameSettings ? '1' : '' }
    execFileSync(process.execPath, [taro, 'build', '--type', type], { cwd: EMPTY_DIR, stdio: 'pipe', env })
    return Date.now() - started
  }
  const h5BuildMs = build('h5')
  const weappBuildMs = build('weapp')
  build('weapp', true)
  return {
    h5Dir: path.join(EMPTY_DIR, 'dist-h5'),
    weappDir: path.join(EMPTY_DIR, 'dist'),
    weappSameSettingsDir: path.join(EMPTY_DIR, 'dist-same-settings'),
    h5BuildMs,
    weappBuildMs,
  }
}

if (require.main === module) {
  const result = buildEmptyTemplate()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
