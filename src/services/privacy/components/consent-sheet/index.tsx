import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { privacy } from '@/app-root'
import { useOnScreen } from '@/components/page-shell/on-screen'
import { currentPlatform } from '@/services/env'
import { itemForApi, useConsentSnapshot } from '../..'
import './index.scss'

export const AGREE_BUTTON_ID = 'privacy-agree-btn'

/**
 * The app's own privacy consent sheet (WX-PRIV-1, -2; WX-UI-1). It renders the privacy service's
 * queue and nothing else: no state of its own, so it behaves the same on every page.
 */
export default function ConsentSheet() {
  const snapshot = useConsentSnapshot(privacy.consent)
  const onScreen = useOnScreen()
  const visible = snapshot.open && onScreen()

  useEffect(() => {
    if (visible) privacy.consent.reportExposure()
  }, [visible, snapshot.pending])

  if (!visible) return null

  const feature = snapshot.referrer ? itemForApi(snapshot.referrer)?.title : undefined
  const onAgree = () => privacy.consent.agree(AGREE_BUTTON_ID)
  const onDisagree = () => privacy.consent.disagree()
  // On WeChat the platform records the agreement through the button's open-type, and its
  // agreeprivacyauthorization event is the signal; a plain click is the signal on H5.
  const agreeProps = currentPlatform() === 'weapp' ? { onAgreePrivacyAuthorization: onAgree } : { onClick: onAgree }

  return (
    <View className='consent-sheet' data-testid='consent-sheet'>
      <View className='consent-sheet__mask' onClick={onDisagree} />
      <View className='consent-sheet__panel' role='dialog' aria-label='隐私保护提示'>
        <View className='consent-sheet__header'>
          <Text className='consent-sheet__title'>隐私保护提示</Text>
          <View className='consent-sheet__close' aria-label='关闭' onClick={onDisagree}>
            <Text>×</Text>
          </View>
        </View>
        <Text className='consent-sheet__body'>
          {feature ? `使用「${feature}」前，` : '继续之前，'}请阅读并同意{snapshot.contractName}
          。我们只在你使用相关功能时收集对应信息，拒绝不影响浏览和购物车。
        </Text>
        <Text className='consent-sheet__link' onClick={() => void privacy.openPrivacyContract()}>
          查看{snapshot.contractName}
        </Text>
        <View className='consent-sheet__actions'>
          <Button className='consent-sheet__button' onClick={onDisagree}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='consent-sheet__button consent-sheet__button--primary'
            openType='agreePrivacyAuthorization'
            {...agreeProps}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
