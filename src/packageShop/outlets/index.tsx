import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { sessionStore } from '@/app-root'
import { outletChoice, outlets } from '@/subpackage-root'
import PageShell from '@/components/page-shell'
import OutletPicker from '@/components/outlet-picker'
import { ApiError } from '@/services/api/http'
import type { Outlet } from '@contract/schemas'
import { useOutletChoice } from '@/state/outlet-choice'
import './index.scss'

/**
 * 门店: find a outlet by city or by fuzzy location, and keep one as the usual outlet. The choice (a
 * outlet, never a location) stays on the device, and members also save it to their account.
 */
export default function OutletsPage() {
  const chosen = useOutletChoice(outletChoice())
  const [notice, setNotice] = useState<string | null>(null)

  // An expired session must not pop up a login here: the device copy is enough to keep the choice.
  const saveToAccount = async (outletId: string | null): Promise<boolean> => {
    if (!sessionStore.token()) return true
    try {
      await outlets().saveMyOutlet(outletId)
      return true
    } catch (error) {
      setNotice(`已保存在本机；同步到账号失败（${ApiError.from(error).message}）`)
      return false
    }
  }

  const choose = async (outlet: Outlet) => {
    setNotice(null)
    outletChoice().choose(outlet)
    if (await saveToAccount(outlet.id)) void Taro.showToast({ title: '已设为常用门店', icon: 'none' })
  }

  const forget = async () => {
    setNotice(null)
    outletChoice().clear()
    if (await saveToAccount(null)) void Taro.showToast({ title: '已清除常用门店', icon: 'none' })
  }

  return (
    <PageShell>
      <View className='outlets'>
        <View className='outlets__chosen'>
          <View className='outlets__chosen-main'>
            <Text className='outlets__label'>常用门店</Text>
            <Text className='outlets__value'>{chosen ? `${chosen.name}（${chosen.city}）` : '未选择'}</Text>
          </View>
          {chosen ? (
            <Text className='outlets__clear' onClick={() => void forget()}>
              清除
            </Text>
          ) : null}
        </View>
        <Text className='outlets__hint'>点选门店即设为常用门店，结算自提时默认使用；只保存门店，不保存你的位置。</Text>
        {notice ? <Text className='outlets__notice'>{notice}</Text> : null}
        <View className='outlets__card'>
          <OutletPicker selectedId={chosen?.id ?? null} initialCity={chosen?.city} onSelect={(outlet) => void choose(outlet)} />
        </View>
      </View>
    </PageShell>
  )
}
