import { Button, Text, View } from '@tarojs/components'
import './index.scss'

export interface LoginSheetPlaceholderProps {
  /** Controlled by the page; only ever set true from an explicit tap on 登录. */
  visible: boolean
  onClose: () => void
}

/**
 * Stand-in for the future login sheet. It only explains that login is not available yet and
 * offers 暂不登录 and a close control; it collects nothing and calls no WeChat API.
 */
export default function LoginSheetPlaceholder({ visible, onClose }: LoginSheetPlaceholderProps) {
  if (!visible) return null
  return (
    <View className='login-sheet' data-testid='login-sheet' role='dialog' aria-modal='true' aria-label='登录'>
      <View className='login-sheet__mask' catchMove onClick={onClose} />
      <View className='login-sheet__panel' catchMove>
        <View className='login-sheet__header'>
          <Text className='login-sheet__title'>登录</Text>
          <View className='login-sheet__close' aria-label='关闭' onClick={onClose}>
            ×
          </View>
        </View>
        <Text className='login-sheet__text'>登录功能将在后续版本提供</Text>
        <Text className='login-sheet__hint'>现在无需登录，也可以浏览商品、加入购物车。</Text>
        <Button className='login-sheet__dismiss' onClick={onClose}>
          暂不登录
        </Button>
      </View>
    </View>
  )
}
