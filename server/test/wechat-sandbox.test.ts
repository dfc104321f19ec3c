import { WeChatError } from '../src/wechat/api'
import { SANDBOX_PHONE_NUMBER, SandboxWeChat, sandboxOpenid, sandboxSessionKey } from '../src/wechat/sandbox'

const errcodeOf = async (promise: Promise<unknown>): Promise<number> => {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(WeChatError)
  return (error as WeChatError).errcode
}

describe('sandbox login', () => {
  const sandbox = new SandboxWeChat()

  test('the same code always gives the same 28-character openid; different codes differ', async () => {
    const first = await sandbox.code2Session('h5sandbox_abc123')
    expect(first).toEqual({ openid: sandboxOpenid('h5sandbox_abc123'), sessionKey: sandboxSessionKey('h5sandbox_abc123') })
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect((await sandbox.code2Session('h5sandbox_abc123')).openid).toBe(first.openid)
    expect((await sandbox.code2Session('h5sandbox_xyz789')).openid).not.toBe(first.openid)
    expect(Buffer.from(first.sessionKey, 'base64')).toHaveLength(16)
  })

  test.each([
    ['sandbox-invalid', 40029],
    ['sandbox-ratelimit', 45011],
    ['sandbox-risky', 40226],
    ['sandbox-busy', -1],
    ['', 40029],
    ['has spaces', 40029],
    ['x'.repeat(129), 40029],
  ])('code %j → errcode %i', async (code, errcode) => {
    expect(await errcodeOf(sandbox.code2Session(code))).toBe(errcode)
  })
})

describe('sandbox phone numbers', () => {
  const sandbox = new SandboxWeChat()

  test('a valid code gives the fixed test number; sandbox-phone-<number> chooses one', async () => {
    expect(await sandbox.getPhoneNumber('any-phone-code')).toEqual({
      phoneNumber: SANDBOX_PHONE_NUMBER,
      purePhoneNumber: SANDBOX_PHONE_NUMBER,
      countryCode: '86',
    })
    expect((await sandbox.getPhoneNumber('sandbox-phone-13912345678')).purePhoneNumber).toBe('13912345678')
  })

  test.each([
    ['sandbox-phone-quota', 1400001],
    ['sandbox-phone-invalid', 40029],
    ['sandbox-phone-busy', -1],
    ['not valid!', 40029],
  ])('code %j → errcode %i', async (code, errcode) => {
    expect(await errcodeOf(sandbox.getPhoneNumber(code))).toBe(errcode)
  })
})

describe('sandbox subscribe messages', () => {
  const message = { openid: 'oUSER', templateId: 'tmpl', page: 'pages/index/index', data: { phrase1: { value: '已发货' } } }

  test('WX-SUB-3: without an accepted subscription a send is 43101 and nothing is recorded', async () => {
    const sandbox = new SandboxWeChat()
    expect(await errcodeOf(sandbox.sendSubscribeMessage(message))).toBe(43101)
    expect(sandbox.sent).toEqual([])
  })

  test('WX-SUB-3: each accept allows exactly one message to that user and template', async () => {
    const at = new Date('2026-11-21T10:00:00Z')
    const sandbox = new SandboxWeChat(() => at)
    sandbox.grantSubscription('oUSER', 'tmpl')
    await sandbox.sendSubscribeMessage(message)
    expect(sandbox.sent).toEqual([{ ...message, sentAt: at }])
    expect(await errcodeOf(sandbox.sendSubscribeMessage(message))).toBe(43101)
    expect(await errcodeOf(sandbox.sendSubscribeMessage({ ...message, openid: 'oOTHER' }))).toBe(43101)
  })
})
