import { Button } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

export interface AvatarPickerProps {
  /** A local temp path of the chosen image (wx temp file on weapp, blob URL on H5). */
  onPick(filePath: string): void
  /** The user disagreed with the privacy guide (H5; on WeChat the platform's own event does this). */
  onRefused?(message: string): void
  className?: string
  disabled?: boolean
}

/**
 * Avatar via WeChat's own chooser (WX-PROFILE-1): the user picks their WeChat avatar, an album
 * photo or a camera shot. Tapping it also raises the privacy agreement if it is still needed; the
 * app-wide listener shows the consent sheet. H5 uses index.h5.tsx (a file picker).
 * @supported weapp
 */
export default function AvatarPicker({ onPick, className, disabled, children }: PropsWithChildren<AvatarPickerProps>) {
  return (
    <Button
      className={className}
      disabled={disabled}
      openType='chooseAvatar'
      onChooseAvatar={(event) => {
        const detail = event.detail as { avatarUrl?: unknown }
        if (typeof detail.avatarUrl === 'string' && detail.avatarUrl !== '') onPick(detail.avatarUrl)
      }}
    >
      {children}
    </Button>
  )
}
