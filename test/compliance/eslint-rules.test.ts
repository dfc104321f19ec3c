/**
 * The project's own ESLint rules, proven with ESLint's RuleTester: each must flag the violating
 * input and leave the compliant one alone.
 */
import path from 'node:path'
import { RuleTester, type Rule } from 'eslint'
import { builtinRules } from 'eslint/use-at-your-own-risk'

// CommonJS plugin loaded as ESLint loads it.
const plugin = require('../../tools/eslint-plugin-wx-compliance') as { rules: Record<string, Rule.RuleModule> }
// no-restricted-syntax options, as eslint.config.js passes them.
const functionComponentsOnly = require('../../tools/eslint/function-components-only') as Array<{ selector: string; message: string }>

const tester = new RuleTester({
  parser: require.resolve('@typescript-eslint/parser'),
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
} as unknown as ConstructorParameters<typeof RuleTester>[0])

const at = (file: string) => path.join(process.cwd(), file)
const PAGE = at('src/pages/index/index.tsx')
const SERVICE = at('src/services/privacy/service.ts')

const boundary = plugin.rules['privacy-api-boundary']
const retired = plugin.rules['no-retired-api']
const payment = plugin.rules['payment-api-boundary']
if (!boundary || !retired || !payment) throw new Error('plugin rules missing')

describe('WX-PRIV-7: privacy-api-boundary', () => {
  tester.run('privacy-api-boundary', boundary, {
    valid: [
      { filename: SERVICE, code: "import Taro from '@tarojs/taro'; Taro.getFuzzyLocation({ type: 'gcj02' })" },
      { filename: SERVICE, code: 'wx.login({})' },
      { filename: PAGE, code: "import Taro from '@tarojs/taro'; Taro.navigateTo({ url: '/x' }); Taro.showToast({ title: 'ok' })" },
      { filename: PAGE, code: "import { privacy } from '@/services/privacy'; privacy.getFuzzyLocation({ userInitiated: true })" },
      { filename: PAGE, code: "const wx = { login() {} }; wx.login()" },
      { filename: PAGE, code: "const Button = (p: object) => p; const x = <Button openType='share' />" },
      { filename: PAGE, code: "const Input = (p: object) => p; const x = <Input type='text' />" },
    ],
    invalid: [
      { filename: PAGE, code: "import Taro from '@tarojs/taro'; Taro.getFuzzyLocation({})", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "import T from '@tarojs/taro'; T['requestSubscribeMessage']({})", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "import { login } from '@tarojs/taro'; login()", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "import Taro from '@tarojs/taro'; const { openSetting } = Taro", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "import * as Taro from '@tarojs/taro'; Taro.chooseMedia({})", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "Taro.getClipboardData({})", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: 'wx.showToast({})', errors: [{ messageId: 'wxGlobal' }] },
      { filename: PAGE, code: 'wx.chooseAddress({})', errors: [{ messageId: 'api' }, { messageId: 'wxGlobal' }] },
      { filename: PAGE, code: "const Button = (p: object) => p; const x = <Button openType='getPhoneNumber' />", errors: [{ messageId: 'openType' }] },
      { filename: PAGE, code: "const Button = (p: object) => p; const x = <Button openType={'chooseAvatar'} />", errors: [{ messageId: 'openType' }] },
      { filename: PAGE, code: "const Button = (p: object) => p; const x = <Button openType='getPhoneNumber|agreePrivacyAuthorization' />", errors: [{ messageId: 'openType' }] },
      { filename: PAGE, code: "const Input = (p: object) => p; const x = <Input type='nickname' />", errors: [{ messageId: 'nickname' }] },
    ],
  })
})

describe('WX-PROFILE-1, WX-PROFILE-5, WX-LOC-1, WX-PHONE-5: no-retired-api', () => {
  tester.run('no-retired-api', retired, {
    valid: [
      { filename: SERVICE, code: "import Taro from '@tarojs/taro'; Taro.getFuzzyLocation({})" },
      { filename: PAGE, code: "const data = { code: 'x' }; void data.code" },
      { filename: PAGE, code: "const note = 'we never read encryptedData'; void note" },
    ],
    invalid: [
      { filename: SERVICE, code: "import Taro from '@tarojs/taro'; Taro.getUserProfile({})", errors: [{ messageId: 'retired' }] },
      { filename: SERVICE, code: "import Taro from '@tarojs/taro'; Taro.getUserInfo({})", errors: [{ messageId: 'retired' }] },
      { filename: SERVICE, code: "import Taro from '@tarojs/taro'; Taro.getLocation({})", errors: [{ messageId: 'retired' }] },
      { filename: SERVICE, code: 'wx.startLocationUpdate({})', errors: [{ messageId: 'retired' }] },
      { filename: SERVICE, code: "import { onLocationChange } from '@tarojs/taro'", errors: [{ messageId: 'retired' }] },
      { filename: PAGE, code: "import { OpenData } from '@tarojs/components'", errors: [{ messageId: 'openData' }] },
      { filename: PAGE, code: "const x = <open-data type='userNickName' />", errors: [{ messageId: 'openData' }] },
      { filename: at('server/src/routes/phone.ts'), code: 'function decrypt(body: { encryptedData: string }) { return body.encryptedData }', errors: [{ messageId: 'decryption' }, { messageId: 'decryption' }] },
      { filename: at('server/src/routes/phone.ts'), code: "const body: Record<string, string> = {}; void body['encryptedData']", errors: [{ messageId: 'decryption' }] },
    ],
  })
})

describe('WX-PAY-1: payment-api-boundary', () => {
  const ADAPTER = at('src/services/payment/request-payment.ts')
  tester.run('payment-api-boundary', payment, {
    valid: [
      { filename: ADAPTER, code: "import Taro from '@tarojs/taro'; Taro.requestPayment(params)" },
      { filename: PAGE, code: "import { payments } from '@/services/payment'; payments.pay(orderId)" },
    ],
    invalid: [
      { filename: PAGE, code: "import Taro from '@tarojs/taro'; Taro.requestPayment(params)", errors: [{ messageId: 'api' }] },
      { filename: PAGE, code: "import { requestPayment } from '@tarojs/taro'; requestPayment(params)", errors: [{ messageId: 'api' }] },
      { filename: SERVICE, code: 'wx.requestOrderPayment(params)', errors: [{ messageId: 'api' }] },
    ],
  })
})

describe('function components only (no-restricted-syntax, tools/eslint/function-components-only.js)', () => {
  const restricted = builtinRules.get('no-restricted-syntax')
  if (!restricted) throw new Error('no-restricted-syntax missing')
  const rejected = { message: functionComponentsOnly[0]?.message }
  tester.run('no-restricted-syntax', restricted, {
    valid: [
      { filename: PAGE, code: 'export default function Page() { return <view /> }', options: functionComponentsOnly },
      { filename: SERVICE, code: 'export class PrivacyError extends Error {}', options: functionComponentsOnly },
    ],
    invalid: [
      { filename: PAGE, code: "import { Component } from 'react'; export default class Page extends Component { render() { return null } }", options: functionComponentsOnly, errors: [rejected] },
      { filename: PAGE, code: "import React from 'react'; const Page = class extends React.PureComponent {}; void Page", options: functionComponentsOnly, errors: [rejected] },
    ],
  })
})
