/**
 * `npm run abuse`: the attacks of issue 11 against a storefront on this machine, with a table of
 * what each limit let through (see server/README.md, "Holding up under abuse").
 *
 *   npm run abuse                                  # a throwaway server: in-memory PGlite, sandbox WeChat, port 0
 *   npm run abuse -- --url http://127.0.0.1:3030   # a running server (loopback only)
 *   npm run abuse -- --short                       # smaller counts
 *
 * Against a running server the push attack needs WECHAT_PUSH_TOKEN, WECHAT_PUSH_AES_KEY and
 * WECHAT_APPID (skipped otherwise), and the server's limits must be fresh (the login limit is per
 * address). Exits 1 on any 5xx or when a limit did not engage.
 */
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { seedCatalog } from '../src/seed/seed-catalog'
import { seedOutlets } from '../src/seed/seed-outlets'
import { parseEncodingAesKey } from '../src/wechat/push-crypto'
import { formatReport, FULL_SIZES, runAbuse, SHORT_SIZES, type PushSecrets } from './abuse/attacks'
import { loopbackUrl } from './abuse/loopback'
import { startThrowawayServer } from './abuse/throwaway-server'

function pushSecretsFromEnv(): PushSecrets | null {
  const { WECHAT_PUSH_TOKEN: token, WECHAT_PUSH_AES_KEY: aesKey, WECHAT_APPID: appId } = process.env
  if (!token || !aesKey || !appId) return null
  return { token, safeMode: { key: parseEncodingAesKey(aesKey), appId, acceptPlain: false } }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const sizes = args.includes('--short') ? SHORT_SIZES : FULL_SIZES
  const urlIndex = args.indexOf('--url')
  const started = Date.now()
  let report
  if (urlIndex >= 0) {
    const url = loopbackUrl(args[urlIndex + 1] ?? '')
    const push = pushSecretsFromEnv()
    if (!push) process.stdout.write('push attack skipped: set WECHAT_PUSH_TOKEN, WECHAT_PUSH_AES_KEY and WECHAT_APPID to the server\'s\n')
    report = await runAbuse(url, sizes, push)
  } else {
    const db = await openPglite('memory://')
    await migrate(db)
    await seedCatalog(db)
    await seedOutlets(db)
    const server = await startThrowawayServer(db)
    try {
      report = await runAbuse(server.url, sizes, server.push)
    } finally {
      await server.app.close()
      await db.close()
    }
  }
  process.stdout.write(`${formatReport(report)}\nTook ${((Date.now() - started) / 1000).toFixed(1)} s.\n`)
  if (report.problems.length > 0) {
    process.stdout.write(`\nFAILED:\n${report.problems.map((problem) => `- ${problem}`).join('\n')}\n`)
    process.exitCode = 1
  } else {
    process.stdout.write('Every limit engaged; no 5xx.\n')
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`abuse: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
