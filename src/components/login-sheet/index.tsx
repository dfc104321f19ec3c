import { Button, Text, View } from '@tarojs/components'
import { session } from '@/app-root'
import { useOnScreen } from '@/components/page-shell/on-screen'
import PrivacyGuideLink from '@/components/privacy-guide-link'
import { privacyItem } from '@/services/privacy'
import { useLoginPrompt } from '@/services/session'
import './index.scss'

/**
 * The login sheet (never a page, never on launch). It opens only when an action the user tapped
 * needs an account (session.ensureAccount / withAccount), offers 微信一键登录 and an equally visible 暂不登录, and
 * closing it returns the user exactly where they were (WX-LOGIN-1, -2; WX-UI-1).
 */
export default function LoginSheet() {
  const prompt = useLoginPrompt()
  const onScreen = useOnScreen()
  if (!prompt.open || !onScreen()) return null

  const cancel = () => session.prompt.cancel()
  return (
    <View className='login-sheet' data-testid='login-sheet' role='dialog' aria-modal='true' aria-label='登录'>
      <View className='login-sheet__mask' data-testid='login-sheet-mask' catchMove onClick={cancel} />
      <View className='login-sheet__panel' catchMove>
        <View className='login-sheet__header'>
          <Text className='login-sheet__title'>登录</Text>
          <View className='login-sheet__close' aria-label='关闭' onClick={cancel}>
            ×
          </View>
        </View>
        <Text className='login-sheet__text'>{prompt.reason}</Text>
        <Text className='login-sheet__hint'>{privacyItem('wechatIdentity').reason}</Text>
        {prompt.error ? <Text className='login-sheet__error'>{prompt.error}</Text> : null}
        <View className='login-sheet__actions'>
          <Button className='login-sheet__primary' loading={prompt.busy} disabled={prompt.busy} onClick={() => void session.prompt.confirm()}>
            微信一键登录
          </Button>
          <Button className='login-sheet__dismiss' onClick={cancel}>
            暂不登录
          </Button>
        </View>
        <Text className='login-sheet__policy'>登录后可随时在「我的 → 隐私与数据」退出登录或删除数据</Text>
        <PrivacyGuideLink prefix='登录前请阅读' />
      </View>
    </View>
  )
}
