import { Input } from '@tarojs/components'
import { useState } from 'react'

export type NicknameReview = 'pending' | 'passed' | 'rejected' | 'timeout'

export interface NicknameFieldProps {
  /** The form field name; the nickname is read from the form on submit (WX-PROFILE-2). */
  name: string
  defaultValue?: string
  onReview?(review: NicknameReview): void
  /** What is typed so far (H5 saves from this; WeChat saves from the form submit). */
  onChange?(value: string): void
  className?: string
}

/**
 * WeChat's nickname input (WX-PROFILE-1): offers the user's WeChat nickname on the keyboard, and
 * WeChat reviews what is typed. A nickname that fails review is cleared by the platform, so the
 * value is only read on form submit, and a failed review blocks the submit (WX-PROFILE-2).
 */
export default function NicknameField({ name, defaultValue = '', onReview, onChange, className }: NicknameFieldProps) {
  const [text, setText] = useState(defaultValue)
  return (
    <Input
      className={className}
      type='nickname'
      name={name}
      value={text}
      maxlength={32}
      placeholder='请输入昵称'
      onInput={(event) => {
        setText(event.detail.value)
        onChange?.(event.detail.value)
        onReview?.('pending')
      }}
      onNickNameReview={(event) => {
        const detail = event.detail as { pass?: unknown; timeout?: unknown }
        if (detail.pass === true) onReview?.('passed')
        else onReview?.(detail.timeout === true ? 'timeout' : 'rejected')
      }}
    />
  )
}
