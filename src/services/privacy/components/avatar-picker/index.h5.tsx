import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { privacy } from '@/app-root'
import { PrivacyError } from '../../errors'
import type { AvatarPickerProps } from './index'

/**
 * The H5 preview's avatar picker: the browser's file picker through Taro.chooseImage, opened only
 * from the tap, after the same agreement step WeChat's chooseAvatar raises (WX-PROFILE-6). A
 * cancelled picker changes nothing.
 * @supported h5
 */
export default function AvatarPicker({ onPick, onRefused, className, disabled, children }: PropsWithChildren<AvatarPickerProps>) {
  const choose = async () => {
    try {
      await privacy.agreeBefore('avatar', { userInitiated: true })
    } catch (error) {
      onRefused?.(error instanceof PrivacyError ? error.userMessage : '暂时无法选择头像，请稍后重试')
      return
    }
    try {
      const result = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const path = result.tempFilePaths[0]
      if (path) onPick(path)
    } catch {
      // Cancelled: nothing to do.
    }
  }
  return (
    <Button className={className} disabled={disabled} onClick={() => void choose()}>
      {children}
    </Button>
  )
}
