import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { minifiedModuleBytes, ownerOf, profileFiles, renderMinified } from '../../tools/perf/bundle-profile'
import type { BundleStats } from '../../config/bundle-stats'

describe('bundle profile', () => {
  it('names the package or source folder a module belongs to', () => {
    expect(ownerOf('./node_modules/react-dom/cjs/react-dom.production.min.js')).toBe('react-dom')
    expect(ownerOf('./node_modules/@tarojs/runtime/dist/index.js + 12 modules')).toBe('@tarojs/runtime')
    expect(ownerOf('./node_modules/a/node_modules/@scope/b/x.js')).toBe('@scope/b')
    expect(ownerOf('./src/services/privacy/catalog.ts')).toBe('src/services/privacy')
    expect(ownerOf('./src/components/pay-sheet/index.tsx?taro=1')).toBe('src/components/pay-sheet')
  })

  it('groups each output file by owner, largest first, keeping who imports each module', () => {
    const stats: BundleStats = {
      chunks: [
        { id: '1', names: ['common'], files: ['common.js', 'common.wxss'] },
        { id: '2', names: ['app'], files: ['app.js'] },
      ],
      modules: [
        { name: './src/services/api/http.ts', size: 800, chunks: ['1'], issuers: ['./src/pages/index/index.tsx'] },
        { name: './src/services/privacy/catalog.ts', size: 500, chunks: ['1'], issuers: [] },
        { name: './src/services/privacy/service.ts', size: 400, chunks: ['1'], issuers: [] },
        { name: './node_modules/react-reconciler/index.js', size: 9000, chunks: ['2'], issuers: [] },
      ],
    }
    const files = profileFiles(stats)
    expect(files.map((file) => [file.file, file.bytes])).toEqual([['app.js', 9000], ['common.js', 1700]])
    const common = files[1]
    expect(common?.owners.map((owner) => [owner.owner, owner.bytes])).toEqual([['src/services/privacy', 900], ['src/services/api', 800]])
    expect(common?.owners[1]?.modules[0]?.issuers).toEqual(['./src/pages/index/index.tsx'])
  })

  it('measures each output module of a built chunk by what the minifier left of it, and names it from the stats', () => {
    const chunk = 'require("./common"),(wx.webpackJsonp=wx.webpackJsonp||[]).push([[7],{12:function(e,t,n){n.d(t,{a:1})},345:function(e){e.exports="价格"}}]);'
    const bytes = minifiedModuleBytes(chunk)
    expect(bytes).toEqual(new Map([
      ['12', '12:function(e,t,n){n.d(t,{a:1})},'.length],
      ['345', Buffer.byteLength('345:function(e){e.exports="价格"},')],
    ]))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-profile-'))
    try {
      fs.writeFileSync(path.join(dir, 'common.js'), chunk)
      const stats: BundleStats = {
        chunks: [],
        modules: [
          { name: './src/app-root.ts', id: '12', size: 900, chunks: ['7'], issuers: [] },
          { name: './src/services/session/store.ts', id: '12', size: 300, chunks: ['7'], issuers: [] },
          { name: './src/utils/money.ts', id: '345', size: 100, chunks: ['7'], issuers: [] },
        ],
      }
      expect(renderMinified(stats, dir, ['common.js']).split('\n')).toEqual([
        'common.js: 0.1 KB on disk, minified bytes per output module',
        '       36 B  src/utils/money.ts',
        '       33 B  src/app-root.ts + 1 concatenated: store.ts',
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
