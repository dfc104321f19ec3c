/**
 * The attacks of issue 11, replayed over HTTP against a storefront server on loopback: what an
 * attacker did to the backend before the limits existed, each bounded in count. Every answer is
 * tallied per attack (2xx allowed, 429 limited, other 4xx, 5xx), and each attack states what must
 * have happened for its limit to count as engaged.
 */
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { encryptPushMessage, type PushSafeMode } from '../../src/wechat/push-crypto'
import { pushSignature } from '../../src/wechat/push-signature'

/** How hard each attack pushes; `full` for `npm run abuse`, a smaller one in the test. */
export interface AbuseSizes {
  logins: number
  sessionLogins: number
  phoneCalls: number
  bigOrders: number
  smallOrders: number
  avatarUploads: number
  avatarBytes: number
  pushReplays: number
  pushFlood: number
  slowConnections: number
  /** How long the half-open connections are held while /api/health is asked. */
  slowHoldMs: number
}

export const FULL_SIZES: AbuseSizes = {
  logins: 60,
  sessionLogins: 8,
  phoneCalls: 30,
  bigOrders: 6,
  smallOrders: 10,
  avatarUploads: 15,
  avatarBytes: 500 * 1024,
  pushReplays: 50,
  pushFlood: 320,
  slowConnections: 1000,
  slowHoldMs: 3000,
}

export const SHORT_SIZES: AbuseSizes = {
  logins: 14,
  sessionLogins: 7,
  phoneCalls: 7,
  bigOrders: 1,
  smallOrders: 10,
  avatarUploads: 11,
  avatarBytes: 16 * 1024,
  pushReplays: 5,
  pushFlood: 0,
  slowConnections: 40,
  slowHoldMs: 300,
}

/** The message-push secrets, as WeChat holds them: needed to send one genuine push to capture. */
export interface PushSecrets {
  token: string
  safeMode: PushSafeMode
}

export interface AttackRow {
  attack: string
  endpoint: string
  attempted: number
  allowed: number
  limited: number
  otherClientErrors: number
  serverErrors: number
  /** What the attack left behind, e.g. "5 live sessions" or "60 units held". */
  outcome: string
  /** Why the limit did not engage; null when it did. */
  problem: string | null
  seconds: number
}

export interface AbuseReport {
  rows: AttackRow[]
  seededUnits: number
  heldUnits: number
  catalogSeconds: number
  /** Every 5xx and every limit that did not engage, one line each. */
  problems: string[]
}

class Tally {
  private readonly started = Date.now()
  attempted = 0
  allowed = 0
  limited = 0
  otherClientErrors = 0
  serverErrors = 0
  count(status: number): number {
    this.attempted += 1
    if (status >= 500 || status === 0) this.serverErrors += 1
    else if (status === 429) this.limited += 1
    else if (status >= 400) this.otherClientErrors += 1
    else this.allowed += 1
    return status
  }
  row(attack: string, endpoint: string, outcome: string, problem: string | null): AttackRow {
    const { attempted, allowed, limited, otherClientErrors, serverErrors } = this
    return { attack, endpoint, attempted, allowed, limited, otherClientErrors, serverErrors, outcome, problem, seconds: (Date.now() - this.started) / 1000 }
  }
}

interface Answer {
  status: number
  body: unknown
}

/** A small HTTP client for one base URL; a network failure counts as status 0 (a 5xx in the tally). */
class Client {
  constructor(private readonly base: string) {}

  async send(method: string, path: string, options: { token?: string; json?: unknown; body?: Buffer; contentType?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: Buffer | string | undefined
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.body) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream'
      body = options.body
    }
    try {
      const response = await fetch(`${this.base}${path}`, { method, headers, body, signal: AbortSignal.timeout(15_000) })
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text) as unknown
      } catch {
        // plain text (push answers "success")
      }
      return { status: response.status, body: parsed }
    } catch {
      return { status: 0, body: null }
    }
  }

  /** Logs in; each tally given counts the answer. */
  async login(code: string, ...tallies: Tally[]): Promise<string | null> {
    const answer = await this.send('POST', '/api/auth/login', { json: { code } })
    for (const tally of tallies) tally.count(answer.status)
    const token = (answer.body as { token?: unknown } | null)?.token
    return answer.status === 200 && typeof token === 'string' ? token : null
  }
}

const newCode = (): string => `h5sandbox_abuse${randomBytes(6).toString('hex')}`

interface Sku {
  id: string
  priceFen: number
  stock: number
}

/** Every SKU with its price and stock, read through the public catalog. */
async function catalogSkus(client: Client): Promise<Sku[]> {
  const ids: string[] = []
  for (let page = 1; page <= 50; page += 1) {
    const answer = await client.send('GET', `/api/products?page=${page}&pageSize=20`)
    const items = (answer.body as { items?: Array<{ id: string }> } | null)?.items ?? []
    ids.push(...items.map((item) => item.id))
    if (items.length < 20) break
  }
  const skus: Sku[] = []
  for (const id of ids) {
    const answer = await client.send('GET', `/api/products/${encodeURIComponent(id)}`)
    skus.push(...((answer.body as { skus?: Sku[] } | null)?.skus ?? []))
  }
  return skus
}

const units = (skus: readonly Sku[]): number => skus.reduce((sum, sku) => sum + sku.stock, 0)

/** Bytes that pass the server's PNG magic check. */
const fakePng = (size: number): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(Math.max(0, size - 8))])

function avatarForm(bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----abuse${randomBytes(8).toString('hex')}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

const pickupOrder = (lines: Array<{ skuId: string; quantity: number; unitPriceFen: number }>) => ({
  idempotencyKey: `abuse-${randomBytes(8).toString('hex')}`,
  items: lines,
  fulfilment: 'pickup',
  contact: { name: '', phone: null, usePhoneOnFile: false },
  address: null,
  outletId: 'sh-jingan',
  note: '',
})

async function sessionsPerUser(client: Client, sizes: AbuseSizes, logins: Tally): Promise<AttackRow> {
  const tally = new Tally()
  const code = newCode()
  const tokens: string[] = []
  for (let i = 0; i < sizes.sessionLogins; i += 1) {
    const token = await client.login(code, tally, logins)
    if (token) tokens.push(token)
  }
  let live = 0
  for (const token of tokens) if ((await client.send('GET', '/api/me', { token })).status === 200) live += 1
  const problem = tokens.length > 5 && live > 5 ? `${live} live sessions for one user (cap 5)` : null
  return tally.row('sessions per user', 'POST /api/auth/login (one user)', `${live} of ${tokens.length} sessions still live`, problem)
}

async function loginFlood(client: Client, sizes: AbuseSizes, logins: Tally): Promise<AttackRow> {
  const tally = new Tally()
  for (let i = 0; i < sizes.logins; i += 1) await client.login(newCode(), tally, logins)
  // The counter is per address: every login of this run (sessions and the attacker's own included) shares it.
  const problem = logins.limited === 0 ? `${logins.attempted} logins from one address, none limited` : null
  return tally.row('logins per IP', 'POST /api/auth/login', `${logins.allowed} of ${logins.attempted} logins from this address went through`, problem)
}

async function phoneNumbers(client: Client, token: string, sizes: AbuseSizes): Promise<AttackRow> {
  const tally = new Tally()
  for (let i = 0; i < sizes.phoneCalls; i += 1) {
    tally.count((await client.send('POST', '/api/me/phone/wechat', { token, json: { code: `sandbox-phone-1380013${String(8000 + i)}` } })).status)
  }
  const problem = tally.limited === 0 && sizes.phoneCalls > 5 ? `${tally.allowed} billed phone-number calls, none limited` : null
  return tally.row('phone-number requests', 'POST /api/me/phone/wechat', `${tally.allowed} billed getuserphonenumber calls`, problem)
}

async function stockHoarding(client: Client, token: string, skus: readonly Sku[], sizes: AbuseSizes): Promise<AttackRow> {
  const tally = new Tally()
  const inStock = skus.filter((sku) => sku.stock > 0)
  // First the issue's attack: 20 lines of up to 99 units, as many orders as it takes.
  for (let i = 0; i < sizes.bigOrders; i += 1) {
    const lines = inStock.slice((i * 20) % Math.max(1, inStock.length), ((i * 20) % Math.max(1, inStock.length)) + 20)
    const order = pickupOrder(lines.map((sku) => ({ skuId: sku.id, quantity: Math.min(99, sku.stock), unitPriceFen: sku.priceFen })))
    tally.count((await client.send('POST', '/api/orders', { token, json: order })).status)
  }
  // Then a patient attacker: 20 units at a time.
  const plenty = inStock.filter((sku) => sku.stock >= 20)
  for (let i = 0; i < sizes.smallOrders; i += 1) {
    const sku = plenty[i % Math.max(1, plenty.length)]
    if (!sku) break
    tally.count((await client.send('POST', '/api/orders', { token, json: pickupOrder([{ skuId: sku.id, quantity: 20, unitPriceFen: sku.priceFen }]) })).status)
  }
  return tally.row('order creation / stock hoarding', 'POST /api/orders', '', null)
}

async function avatarUploads(client: Client, token: string, sizes: AbuseSizes): Promise<AttackRow> {
  const tally = new Tally()
  let bytesAccepted = 0
  for (let i = 0; i < sizes.avatarUploads; i += 1) {
    const form = avatarForm(fakePng(sizes.avatarBytes))
    const status = tally.count((await client.send('POST', '/api/me/avatar', { token, body: form.body, contentType: form.contentType })).status)
    if (status === 200) bytesAccepted += sizes.avatarBytes
  }
  const problem = tally.limited === 0 && sizes.avatarUploads > 10 ? `${tally.allowed} avatar uploads, none limited` : null
  return tally.row('avatar uploads', 'POST /api/me/avatar', `${(bytesAccepted / 1024).toFixed(0)} KB stored`, problem)
}

/** The push a genuine WeChat would send, signed and encrypted with the shop's secrets. */
function genuinePush(secrets: PushSecrets, message: unknown, timestamp: string, nonce = String(randomBytes(4).readUInt32BE())) {
  const encrypt = encryptPushMessage(secrets.safeMode.key, JSON.stringify(message), secrets.safeMode.appId)
  const query = `timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${pushSignature(secrets.token, timestamp, nonce, encrypt)}`
  return { query, encrypt }
}

async function pushReplays(client: Client, secrets: PushSecrets, sizes: AbuseSizes): Promise<AttackRow> {
  const tally = new Tally()
  const event = (openid: string) => ({ MsgType: 'event', Event: 'user_authorization_cancellation', OpenID: openid, AppID: secrets.safeMode.appId })
  const post = async (query: string, body: unknown) => tally.count((await client.send('POST', `/api/wechat/push?${query}`, { json: body })).status)
  const nowSeconds = String(Math.floor(Date.now() / 1000))
  const captured = genuinePush(secrets, event('o-abuse-nobody'), nowSeconds)
  await post(captured.query, { Encrypt: captured.encrypt })
  // The captured push again, as is; with another body under its signature; and a 2017 one.
  const stale = genuinePush(secrets, event('o-abuse-victim'), '1483228800')
  const swapped = genuinePush(secrets, event('o-abuse-victim'), nowSeconds).encrypt
  for (let i = 0; i < sizes.pushReplays; i += 1) {
    const [query, body] = [
      [captured.query, { Encrypt: captured.encrypt }],
      [captured.query, { Encrypt: swapped }],
      [stale.query, { Encrypt: stale.encrypt }],
    ][i % 3] as [string, unknown]
    await post(query, body)
  }
  const replaysAccepted = tally.allowed - 1
  for (let i = 0; i < sizes.pushFlood; i += 1) await post(`timestamp=${nowSeconds}&nonce=${i}&msg_signature=${'0'.repeat(40)}`, { Encrypt: 'x' })
  const problems = [
    replaysAccepted > 0 ? `${replaysAccepted} replayed or forged pushes accepted` : null,
    sizes.pushFlood > 300 && tally.limited === 0 ? `${tally.attempted} pushes from one address, none limited` : null,
  ].filter((problem): problem is string => problem !== null)
  return tally.row(
    'push replays',
    'POST /api/wechat/push',
    `${replaysAccepted} of ${sizes.pushReplays} replays accepted${sizes.pushFlood > 0 ? `; then ${sizes.pushFlood} unsigned` : ''}`,
    problems.length > 0 ? problems.join('; ') : null,
  )
}

/** Opens `count` sockets that send half a request and then nothing; resolves when all are connected (or failed). */
async function openHalfRequests(port: number, count: number): Promise<net.Socket[]> {
  const sockets = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<net.Socket | null>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port }, () => {
          socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
          resolve(socket)
        })
        socket.on('error', () => resolve(null))
      }),
    ),
  )
  return sockets.filter((socket): socket is net.Socket => socket !== null)
}

async function slowConnections(client: Client, port: number, sizes: AbuseSizes): Promise<AttackRow> {
  const tally = new Tally()
  const held = await openHalfRequests(port, sizes.slowConnections)
  const slowest: number[] = []
  const until = Date.now() + sizes.slowHoldMs
  do {
    const started = Date.now()
    tally.count((await client.send('GET', '/api/health')).status)
    slowest.push(Date.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 100))
  } while (Date.now() < until)
  const stillOpen = held.filter((socket) => !socket.destroyed).length
  for (const socket of held) socket.destroy()
  const ok = tally.allowed === tally.attempted
  return tally.row(
    'half-open slow connections',
    'GET /api/health',
    `${held.length} half-sent requests held (${stillOpen} open at the end); health answered ${tally.allowed}/${tally.attempted}, slowest ${Math.max(...slowest)} ms`,
    ok ? null : `/api/health failed ${tally.attempted - tally.allowed} of ${tally.attempted} times under ${held.length} slow connections`,
  )
}

/**
 * Runs every attack once against `baseUrl` (loopback; the caller checks). The stock figures come
 * from the public catalog before and after, so they hold for any server.
 */
export async function runAbuse(baseUrl: string, sizes: AbuseSizes, push: PushSecrets | null, options: { maxUnpaidUnits?: number } = {}): Promise<AbuseReport> {
  const client = new Client(baseUrl.replace(/\/$/, ''))
  const port = Number(new URL(baseUrl).port || 80)
  const catalogStarted = Date.now()
  const before = await catalogSkus(client)
  const catalogSeconds = (Date.now() - catalogStarted) / 1000
  const logins = new Tally()
  const rows: AttackRow[] = [await sessionsPerUser(client, sizes, logins)]
  const attacker = await client.login(newCode(), logins)
  if (!attacker) throw new Error('the attacker could not log in at all: is the server fresh (login limit per address)?')
  rows.push(await loginFlood(client, sizes, logins))
  rows.push(await phoneNumbers(client, attacker, sizes))
  const hoarding = await stockHoarding(client, attacker, before, sizes)
  const after = await catalogSkus(client)
  const seededUnits = units(before)
  const heldUnits = seededUnits - units(after)
  const cap = options.maxUnpaidUnits ?? 60
  hoarding.outcome = `${heldUnits} of ${seededUnits} units held (${((heldUnits / Math.max(1, seededUnits)) * 100).toFixed(1)}%)`
  hoarding.problem =
    heldUnits > cap ? `the attacker holds ${heldUnits} units (cap ${cap})` : hoarding.attempted > 10 && hoarding.limited === 0 ? `${hoarding.attempted} orders, none rate-limited` : null
  rows.push(hoarding)
  rows.push(await avatarUploads(client, attacker, sizes))
  if (push) rows.push(await pushReplays(client, push, sizes))
  rows.push(await slowConnections(client, port, sizes))
  const problems = rows.flatMap((row) => [
    ...(row.serverErrors > 0 ? [`${row.attack}: ${row.serverErrors} × 5xx (or no answer)`] : []),
    ...(row.problem ? [`${row.attack}: ${row.problem}`] : []),
  ])
  return { rows, seededUnits, heldUnits, problems, catalogSeconds }
}

/** The per-attack table, as printed by `npm run abuse`. */
export function formatReport(report: AbuseReport): string {
  const header = ['attack', 'endpoint', 'attempted', 'allowed', 'limited (429)', 'other 4xx', '5xx', 'outcome', 's']
  const lines = report.rows.map((row) =>
    [row.attack, row.endpoint, row.attempted, row.allowed, row.limited, row.otherClientErrors, row.serverErrors, row.outcome, row.seconds.toFixed(1)].map(String),
  )
  const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
  return `${table}\n\nStock held by the attacker afterwards: ${report.heldUnits} of ${report.seededUnits} seeded units (catalog read in ${report.catalogSeconds.toFixed(1)} s).`
}
