import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { privacy } from '@/app-root'
import MyDataSection from '@/components/my-data'
import PageShell from '@/components/page-shell'
import { routes } from '@/services/navigation'
import { privacyItem } from '@/services/privacy'
import { DISCLOSED_ITEMS } from '@/services/privacy/catalog-details'
import type { RefusableId } from '@/services/privacy/refusals'
import './index.scss'

function refusalLabel(id: RefusableId): string {
  return id === 'privacyAgreement' ? '隐私保护指引' : privacyItem(id).title
}

function formatTime(ms: number): string {
  const date = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export async function openGuide(): Promise<void> {
  try {
    await privacy.openPrivacyContract()
  } catch {
    // Old base libraries lack openPrivacyContract; the in-app guide has the same content.
    await Taro.navigateTo({ url: routes.privacyGuide })
  }
}

/**
 * 隐私与数据: what the server and this device hold about the user, with controls to change or delete
 * it; what the app may process and why; and the refusals it remembers (WX-PRIV-6, WX-DATA-1, -2).
 */
export default function PrivacyPage() {
  const [refusals, setRefusals] = useState(() => privacy.refusals.list())

  const forget = (id: RefusableId) => {
    privacy.refusals.clear(id)
    setRefusals(privacy.refusals.list())
  }

  const refusalEntries = Object.entries(refusals) as Array<[RefusableId, { at: number; count: number }]>

  return (
    <PageShell>
      <View className='privacy-page'>
        <View className='privacy-page__section'>
          <Text className='privacy-page__heading'>我们保存的你的信息</Text>
          <MyDataSection />
        </View>

        <View className='privacy-page__section'>
          <Text className='privacy-page__heading'>我们可能处理的个人信息</Text>
          <Text className='privacy-page__hint'>只有在你使用对应功能并同意后才会收集；不登录也可以浏览和使用购物车。</Text>
          {DISCLOSED_ITEMS.map((item) => (
            <View key={item.id} className='privacy-page__item' data-testid={`privacy-item-${item.id}`}>
              <Text className='privacy-page__item-title'>{item.title}</Text>
              <Text className='privacy-page__item-line'>用途：{item.purpose}</Text>
              <Text className='privacy-page__item-line'>何时询问：{item.askedOn}</Text>
              <Text className='privacy-page__item-line'>保存：{item.retention}</Text>
            </View>
          ))}
        </View>

        <View className='privacy-page__section'>
          <Text className='privacy-page__heading'>你拒绝过的请求</Text>
          {refusalEntries.length === 0 ? (
            <Text className='privacy-page__hint'>暂无。你拒绝后，我们不会主动再次询问。</Text>
          ) : (
            refusalEntries.map(([id, record]) => (
              <View key={id} className='privacy-page__refusal'>
                <Text>
                  {refusalLabel(id)} · {formatTime(record.at)}
                </Text>
                <Button size='mini' className='privacy-page__forget' onClick={() => forget(id)}>
                  允许再次询问
                </Button>
              </View>
            ))
          )}
        </View>

        <Button className='privacy-page__guide' onClick={() => void openGuide()}>
          查看《隐私保护指引》
        </Button>
      </View>
    </PageShell>
  )
}
