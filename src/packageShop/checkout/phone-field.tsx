import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { privacy, session, sessionStore } from '@/app-root'
import { phone as phoneApi } from '@/subpackage-root'
import { ApiError } from '@/services/api/http'
import type { PhoneNumberOutcome } from '@/services/privacy/phone'
import PhoneNumberButton from '@/services/privacy/components/phone-number-button'
import { LoginDeclined, useSession } from '@/services/session'
import type { PhoneMode } from './model'

export interface PhoneFieldProps {
  mode: PhoneMode
  phone: string
  error?: string
  onModeChange(mode: PhoneMode): void
  onPhoneChange(phone: string): void
}

const REFUSED_BEFORE = '你之前选择了手动填写；如需使用微信手机号，可再次点击下方按钮'

/**
 * The delivery phone, the one place the app asks for a phone number (WX-PHONE-1). Typing it is
 * always possible (WX-PHONE-3); the WeChat button sits beside it with its reason (WX-PHONE-2); a
 * number already on file is offered instead of asking WeChat again, since each success is billed
 * (WX-PHONE-5); after a refusal the typed field takes over and nothing asks again by itself (WX-PHONE-4).
 */
export default function PhoneField({ mode, phone, error, onModeChange, onPhoneChange }: PhoneFieldProps) {
  const { user } = useSession()
  const saved = user?.phoneMasked ?? null
  // Read once per visit: a refusal remembered from an earlier launch shapes the field, never a prompt.
  const [refusedBefore] = useState(() => privacy.refusals.get('phoneNumber') !== undefined)
  const [hint, setHint] = useState<string | null>(refusedBefore ? REFUSED_BEFORE : null)
  const [emphasis, setEmphasis] = useState(refusedBefore)
  const [focus, setFocus] = useState(false)
  const [busy, setBusy] = useState(false)

  const typeByHand = (message: string) => {
    setHint(message)
    setEmphasis(true)
    setFocus(true)
    onModeChange('manual')
  }

  const onOutcome = async (outcome: PhoneNumberOutcome) => {
    if (outcome.kind !== 'code') return typeByHand(outcome.message)
    setBusy(true)
    try {
      // The code is exchanged on the server (getuserphonenumber), which keeps the number for this account.
      const onFile = await session.withAccount('wechatPhone', () => phoneApi().fromWechatCode(outcome.code))
      const current = sessionStore.getSnapshot().user
      if (current) sessionStore.updateUser({ ...current, phoneMasked: onFile.masked })
      setHint(null)
      setEmphasis(false)
      onModeChange('onFile')
    } catch (caught) {
      if (caught instanceof LoginDeclined) return typeByHand('未登录，请手动填写手机号')
      // 429 PHONE_QUOTA_EXCEEDED and every other failure: type it by hand.
      typeByHand(ApiError.from(caught).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='checkout__field phone-field'>
      <Text className='checkout__label'>手机号</Text>
      {saved && mode === 'onFile' ? (
        <View className='phone-field__saved'>
          <Text className='phone-field__saved-number'>使用已保存的号码 {saved}</Text>
          <Text className='phone-field__switch' onClick={() => onModeChange('manual')}>
            改用其他号码
          </Text>
        </View>
      ) : (
        <View className='phone-field__manual'>
          <Input
            className={`checkout__input phone-field__input${emphasis ? ' is-emphasized' : ''}`}
            data-emphasized={emphasis}
            type='number'
            maxlength={13}
            value={phone}
            focus={focus}
            placeholder='请输入手机号'
            onInput={(event) => onPhoneChange(event.detail.value)}
            onBlur={() => setFocus(false)}
          />
          {saved ? (
            <Text className='phone-field__switch' onClick={() => onModeChange('onFile')}>
              使用已保存的号码 {saved}
            </Text>
          ) : user ? (
            <PhoneNumberButton disabled={busy} onResult={(outcome) => void onOutcome(outcome)} />
          ) : (
            // A visitor types the number: a WeChat phone code (billed per success) is never spent on
            // someone who may yet decline to log in (WX-DATA-5).
            <Text className='phone-field__hint' data-testid='visitor-phone-hint'>
              仅用于配送员联系你完成本单配送；登录后也可使用微信手机号
            </Text>
          )}
        </View>
      )}
      {error ? <Text className='checkout__error'>{error}</Text> : null}
      {hint ? <Text className='phone-field__hint'>{hint}</Text> : null}
    </View>
  )
}
