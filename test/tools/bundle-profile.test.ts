import { ownerOf, profileFiles } from '../../tools/perf/bundle-profile'
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
})
