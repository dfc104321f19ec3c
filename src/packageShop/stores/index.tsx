import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { sessionStore } from '@/app-root'
import { storeChoice, stores } from '@/subpackage-root'
import PageShell from '@/components/page-shell'
import StorePicker from '@/components/store-picker'
import { ApiError } from '@/services/api/http'
import type { Store } from '@contract/schemas'
import { useStoreChoice } from '@/store/store-choice'
import './index.scss'

/**
 * 门店: find a store by city or by fuzzy location, and keep one as the usual store. The choice (a
 * store, never a location) stays on the device, and members also save it to their account.
 */
export default function StoresPage() {
  const chosen = useStoreChoice(storeChoice())
  const [notice, setNotice] = useState<string | null>(null)

  // An expired session must not pop up a login here: the device copy is enough to keep the choice.
  const saveToAccount = async (storeId: string | null): Promise<boolean> => {
    if (!sessionStore.token()) return true
    try {
      await stores().saveMyStore(storeId)
      return true
    } catch (error) {
      setNotice(`已保存在本机；同步到账号失败（${ApiError.from(error).message}）`)
      return false
    }
  }

  const choose = async (store: Store) => {
    setNotice(null)
    storeChoice().choose(store)
    if (await saveToAccount(store.id)) void Taro.showToast({ title: '已设为常用门店', icon: 'none' })
  }

  const forget = async () => {
    setNotice(null)
    storeChoice().clear()
    if (await saveToAccount(null)) void Taro.showToast({ title: '已清除常用门店', icon: 'none' })
  }

  return (
    <PageShell>
      <View className='stores'>
        <View className='stores__chosen'>
          <View className='stores__chosen-main'>
            <Text className='stores__label'>常用门店</Text>
            <Text className='stores__value'>{chosen ? `${chosen.name}（${chosen.city}）` : '未选择'}</Text>
          </View>
          {chosen ? (
            <Text className='stores__clear' onClick={() => void forget()}>
              清除
            </Text>
          ) : null}
        </View>
        <Text className='stores__hint'>点选门店即设为常用门店，结算自提时默认使用；只保存门店，不保存你的位置。</Text>
        {notice ? <Text className='stores__notice'>{notice}</Text> : null}
        <View className='stores__card'>
          <StorePicker selectedId={chosen?.id ?? null} initialCity={chosen?.city} onSelect={(store) => void choose(store)} />
        </View>
      </View>
    </PageShell>
  )
}
