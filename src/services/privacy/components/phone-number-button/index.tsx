import { Button, Text, View } from '@tarojs/components'
import { privacy } from '@/app-root'
import { privacyItem } from '../..'
import { phoneNumberFromEvent } from '../../phone'
import { PHONE_BUTTON_TEXT, type PhoneNumberButtonProps } from './props'
import './index.scss'

export { PHONE_BUTTON_TEXT, type PhoneNumberButtonProps } from './props'

/**
 * The only phone-number request in the app (WX-PHONE-1): WeChat's getPhoneNumber button, with the
 * catalog's reason right beside it (WX-PHONE-2). WeChat shows its prompt only on the user's tap;
 * the event carries a one-time code (WX-PHONE-5). If the privacy agreement is still needed, the
 * tap raises it and the app-wide listener shows the consent sheet. H5 uses index.h5.tsx.
 * @supported weapp
 */
export default function PhoneNumberButton({ onResult, disabled }: PhoneNumberButtonProps) {
  return (
    <View className='phone-number-button'>
      <Button
        className='phone-number-button__button'
        disabled={disabled}
        openType='getPhoneNumber'
        onGetPhoneNumber={(event) => onResult(phoneNumberFromEvent(privacy.refusals, event.detail))}
      >
        {PHONE_BUTTON_TEXT}
      </Button>
      <Text className='phone-number-button__reason'>{privacyItem('phoneNumber').reason}</Text>
    </View>
  )
}
