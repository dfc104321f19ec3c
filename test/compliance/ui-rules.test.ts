import fs from 'node:fs'
import path from 'node:path'
import { scanUi } from '../../tools/compliance/ui-scan'

const SRC = path.resolve(__dirname, '../../src')

function sourceFiles(dir: string): Array<{ file: string; text: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(tsx?|scss)$/.test(entry.name) ? [{ file: path.relative(SRC, full), text: fs.readFileSync(full, 'utf8') }] : []
  })
}

const findings = scanUi(sourceFiles(SRC))

describe('UI rules scanned over src/', () => {
  it('WX-UI-2: no text imitates WeChat system notices or warnings', () => {
    expect(findings.filter((finding) => finding.rule === 'WX-UI-2')).toEqual([])
    expect(scanUi([{ file: 'x.tsx', text: "<Text>【系统通知】你的账号存在风险</Text>" }]).map((f) => f.match)).toEqual(['系统通知', '账号存在风险'])
  })

  it('WX-UI-3: no video or audio plays by itself', () => {
    expect(findings.filter((finding) => finding.rule === 'WX-UI-3')).toEqual([])
    expect(scanUi([{ file: 'x.tsx', text: "<Video src={src} autoplay />; audio.autoplay = true" }])).toHaveLength(2)
    expect(scanUi([{ file: 'x.tsx', text: '<Video src={src} autoplay={false} />' }])).toEqual([])
  })

  it('WX-UI-5: no share or follow inducements and no floating ads', () => {
    expect(findings.filter((finding) => finding.rule === 'WX-UI-5')).toEqual([])
    expect(scanUi([{ file: 'x.tsx', text: "<Text>分享得红包，关注公众号领券</Text><View className='floating-ad' />" }]).map((f) => f.match)).toEqual([
      '分享得',
      '关注公众号领',
      'floating-ad',
    ])
  })
})
