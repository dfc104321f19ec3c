import { Text, View } from '@tarojs/components'
import PageShell from '@/components/page-shell'
import { OPERATOR } from '@/operator'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'
import './index.scss'

/**
 * The in-app copy of the privacy guide, generated from the privacy catalog. H5 opens it for
 * openPrivacyContract; on WeChat it is the fallback when openPrivacyContract is unavailable.
 */
export default function PrivacyGuidePage() {
  return (
    <PageShell>
      <View className='privacy-page'>
        <Text className='privacy-page__heading'>小程序用户隐私保护指引</Text>
        <Text className='privacy-page__hint'>
          本指引说明我们在何时、为何处理你的个人信息。所有信息只在你主动使用对应功能时收集，仅用于下述用途，不会提供给第三方。
        </Text>
        {DISCLOSED_ITEMS.map((item, index) => (
          <View key={item.id} className='privacy-page__item'>
            <Text className='privacy-page__item-title'>
              {index + 1}. {item.title}
            </Text>
            <Text className='privacy-page__item-line'>{item.purpose}</Text>
            <Text className='privacy-page__item-line'>收集方式：{item.collectedVia.join('；')}</Text>
            <Text className='privacy-page__item-line'>保存期限：{item.retention}</Text>
          </View>
        ))}
        <View className='privacy-page__item' data-testid='guide-operator'>
          <Text className='privacy-page__item-title'>运营者与联系方式</Text>
          <Text className='privacy-page__item-line'>本小程序由{OPERATOR.name}运营。</Text>
          <Text className='privacy-page__item-line'>
            客服电话：{OPERATOR.phone}（{OPERATOR.hours}）；邮箱：{OPERATOR.email}；也可在「我的 → 联系我们」联系在线客服。
          </Text>
          <Text className='privacy-page__item-line'>{OPERATOR.complaint}</Text>
        </View>
        <View className='privacy-page__item'>
          <Text className='privacy-page__item-title'>你的权利</Text>
          <Text className='privacy-page__item-line'>
            你可以随时拒绝任何请求而继续使用其他功能；可在「我的 → 隐私与数据」查看、修改或删除你提供的信息，退出登录或删除全部数据。
          </Text>
        </View>
      </View>
    </PageShell>
  )
}
