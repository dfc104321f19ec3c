import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { privacy } from '@/app-root'
import { privacyItem } from '../..'
import { phoneNumberFromEvent } from '../../phone'
import { PHONE_BUTTON_TEXT, type PhoneNumberButtonProps } from './props'
import './index.scss'

/** A sandbox code the reference backend accepts in place of WeChat's (never a real number). */
function sandboxCode(): string {
  return `h5sandbox_phone_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * The H5 preview's phone button: no WeChat, so it emulates what WeChat does on the tap — the
 * privacy agreement first, then the phone prompt as a modal — and feeds the same event shape to the
 * same mapping, so refusals and codes behave as on weapp.
 * @supported h5
 */
export default function PhoneNumberButton({ onResult, disabled }: PhoneNumberButtonProps) {
  const tap = async () => {
    const agreement = await privacy.consent.ensureAgreement('getPhoneNumber', { userInitiated: true })
    if (agreement !== 'agreed') {
      onResult(phoneNumberFromEvent(privacy.refusals, { errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: 104 }))
      return
    }
    const { confirm } = await Taro.showModal({
      title: '获取你的手机号',
      content: '用于配送员联系你（H5 预览为模拟授权，不会读取真实号码）',
      confirmText: '允许',
      cancelText: '拒绝',
    })
    onResult(phoneNumberFromEvent(privacy.refusals, confirm ? { errMsg: 'getPhoneNumber:ok', code: sandboxCode() } : { errMsg: 'getPhoneNumber:fail user deny' }))
  }

  return (
    <View className='phone-number-button'>
      <Button className='phone-number-button__button' disabled={disabled} onClick={() => void tap()}>
        {PHONE_BUTTON_TEXT}
      </Button>
      <Text className='phone-number-button__reason'>{privacyItem('phoneNumber').reason}</Text>
    </View>
  )
}
