import { Text } from '@tarojs/components'
import { privacy } from '@/app-root'
import { useConsentSnapshot } from '@/services/privacy'
import './index.scss'

/**
 * 《…隐私保护指引》 as a link, next to forms that collect personal data (WX-PRIV-9): WeChat's own
 * guide page on weapp (openPrivacyContract), the in-app guide on H5.
 */
export default function PrivacyGuideLink({ prefix }: { prefix: string }) {
  const { contractName } = useConsentSnapshot(privacy.consent)
  return (
    <Text className='privacy-guide-link'>
      {prefix}
      <Text className='privacy-guide-link__link' data-testid='privacy-guide-link' onClick={() => void privacy.openPrivacyContract()}>
        {contractName}
      </Text>
    </Text>
  )
}
