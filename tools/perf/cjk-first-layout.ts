/**
 * The first layout of Chinese text in a fresh renderer, by font-family: a static page with 40
 * spans, loaded in fresh browser contexts in interleaved rounds, timing the first forced layout.
 * Shows what a font stack without Chinese fonts costs (a system fallback search per character).
 *
 *   npx tsx tools/perf/cjk-first-layout.ts [--rounds 21]
 *
 * A diagnosis tool (docs/performance.md says what it found), not a check.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { launchChromium, PHONE_VIEWPORT } from '../browser/chromium'
import { median, roundOrder } from './rounds'

const TAROS_STACK = '-apple-system-font,Helvetica Neue,sans-serif'
const CHINESE_STACK = "-apple-system,BlinkMacSystemFont,'Helvetica Neue','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif"

function page(text: string, family: string): string {
  return `<!doctype html><html><head><meta charset=utf-8><style>body{font-family:${family}}</style></head><body><div id=c></div><script>
const c = document.getElementById('c')
for (let i = 0; i < 40; i++) { const s = document.createElement('span'); s.textContent = ${JSON.stringify(text)} + i; c.appendChild(s) }
const started = performance.now(); c.offsetHeight; window.__layoutMs = performance.now() - started
</script></body></html>`
}

const VARIANTS: Record<string, string> = {
  'Latin text, sans-serif': page('Hello world', 'sans-serif'),
  "Chinese text, Taro's stack": page('赣南脐橙果肉细嫩', TAROS_STACK),
  'Chinese text, Chinese stack (src/app.scss)': page('赣南脐橙果肉细嫩', CHINESE_STACK),
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 21
  const names = Object.keys(VARIANTS)
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(VARIANTS[decodeURIComponent((request.url ?? '/').slice(1))] ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const browser = await launchChromium()
  const times = new Map<string, number[]>()
  try {
    // Round 0 is a warm-up of the browser process, not counted.
    for (let round = 0; round <= rounds; round += 1) {
      for (const index of roundOrder(round, names.length)) {
        const name = names[index] as string
        const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true })
        const tab = await context.newPage()
        await tab.goto(`http://127.0.0.1:${port}/${encodeURIComponent(name)}`)
        const ms = Number(await tab.evaluate('window.__layoutMs'))
        if (round > 0) times.set(name, [...(times.get(name) ?? []), ms])
        await context.close()
      }
    }
    for (const name of names) process.stdout.write(`${median(times.get(name) ?? []).toFixed(1).padStart(7)} ms  first layout, ${name} (median of ${rounds})\n`)
  } finally {
    await browser.close()
    server.close()
  }
}

void main()
