import { Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { privacy } from '@/app-root'
import { currentPlatform } from '@/services/env'
import { TEXT_LIMITS } from '@contract/rules'
import { PrivacyError } from '../../errors'

export type NicknameReview = 'pending' | 'passed' | 'rejected' | 'timeout'

export interface NicknameFieldProps {
  /** The form field name; the nickname is read from the form on submit (WX-PROFILE-2). */
  name: string
  defaultValue?: string
  /** False until the user has an account: the agreement is synced only once the field can be used. */
  active: boolean
  onReview?(review: NicknameReview): void
  /** What is typed so far (H5 saves from this; WeChat saves from the form submit). */
  onChange?(value: string): void
  className?: string
}

type Agreement = 'checking' | 'agreed' | 'disagreed'

/**
 * WeChat's nickname input (WX-PROFILE-1): offers the user's WeChat nickname on the keyboard, and
 * WeChat reviews what is typed. A nickname that fails review is cleared by the platform, so the
 * value is only read on form submit, and only a passed (or timed-out) review may be saved (WX-PROFILE-2).
 * WeChat raises no privacy event for this input before agreement — it silently degrades it — so
 * the field syncs the agreement itself and stays disabled until the user agreed (WX-PROFILE-6).
 */
export default function NicknameField({ name, defaultValue = '', active, onReview, onChange, className }: NicknameFieldProps) {
  const [text, setText] = useState(defaultValue)
  const [agreement, setAgreement] = useState<Agreement>('checking')
  const [refusal, setRefusal] = useState<string | null>(null)

  const sync = useCallback(() => {
    setAgreement('checking')
    // The user opened this page (or tapped 阅读并同意) to set a nickname: that is their intent.
    privacy.agreeBefore('nickname', { userInitiated: true }).then(
      () => setAgreement('agreed'),
      (error: unknown) => {
        setAgreement('disagreed')
        setRefusal(error instanceof PrivacyError ? error.userMessage : '暂时无法使用昵称，请稍后重试')
      },
    )
  }, [])

  useEffect(() => {
    if (active) sync()
  }, [active, sync])

  return (
    <View className='nickname-field'>
      <Input
        className={className}
        type='nickname'
        name={name}
        value={text}
        maxlength={TEXT_LIMITS.nickname}
        disabled={agreement !== 'agreed'}
        placeholder={agreement === 'agreed' ? '请输入昵称' : '同意隐私保护指引后可填写'}
        onInput={(event) => {
          setText(event.detail.value)
          onChange?.(event.detail.value)
          // The browser has no WeChat review; the server checks the text itself.
          onReview?.(currentPlatform() === 'h5' ? 'passed' : 'pending')
        }}
        onNickNameReview={(event) => {
          const detail = event.detail as { pass?: unknown; timeout?: unknown }
          if (detail.pass === true) onReview?.('passed')
          else onReview?.(detail.timeout === true ? 'timeout' : 'rejected')
        }}
      />
      {agreement === 'disagreed' ? (
        <Text className='nickname-field__refused' data-testid='nickname-refused'>
          {refusal}
          <Text className='nickname-field__agree' onClick={sync}>
            阅读并同意
          </Text>
        </Text>
      ) : null}
    </View>
  )
}
