import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { session, sessionStore } from '@/app-root'
import { phone as phoneApi, profile, outletChoice, outlets } from '@/subpackage-root'
import StateView from '@/components/state-view'
import { ApiError } from '@/services/api/http'
import type { MyData } from '@contract/schemas'
import { privacyDetails } from '@/services/privacy/catalog-details'
import { LoginDeclined, useSession } from '@/services/session'
import './index.scss'

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: MyData }

const DECISION_TEXT: Record<string, string> = { accept: '已同意', reject: '已拒绝', ban: '已关闭', filter: '未送达' }

function formatDate(iso: string): string {
  return iso.slice(0, 10)
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const result = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#f5381f' })
  return result.confirm
}

/**
 * What the server holds about a member, and the controls to change or delete it (WX-DATA-1, -2).
 * `onAllDeleted` tells the section, which outlives this view once the session is gone.
 */
function MemberData({ onAllDeleted }: { onAllDeleted: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  const fetchData = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', data: await session.withAccount('myData', () => profile().myData()) })
    } catch (error) {
      // ApiError and LoginDeclined both carry a message for the user.
      setLoad({ state: 'error', message: error instanceof ApiError || error instanceof LoginDeclined ? error.message : '加载失败，请重试' })
    }
  }, [])

  useEffect(() => {
    void fetchData()
  }, [fetchData])

  const act = async (action: () => Promise<void>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await action()
      setMessage(done)
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : '操作未完成，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  const withdrawProfile = async () => {
    if (!(await confirm('清除头像和昵称', '将从本机和服务器删除你的头像和昵称。', '清除'))) return
    await act(async () => {
      sessionStore.updateUser(await profile().withdrawProfile())
      await fetchData()
    }, '已清除头像和昵称')
  }

  /** WX-DATA-5: one item at a time, after a confirmation naming it; the list is reloaded from the server. */
  const deleteItem = async (what: string, detail: string, action: () => Promise<void>) => {
    if (!(await confirm(`删除${what}`, detail, '删除'))) return
    await act(async () => {
      await action()
      await fetchData()
    }, `已删除${what}`)
  }

  const deletePhone = () =>
    deleteItem('保存的手机号', '将从服务器删除你保存的手机号，之后下单需重新填写。已下的订单仍保留该单的联系电话，随订单保存。', async () => {
      await phoneApi().remove()
      const current = sessionStore.getSnapshot().user
      if (current) sessionStore.updateUser({ ...current, phoneMasked: null })
    })

  const deleteOutlet = () =>
    deleteItem('常用门店', '将从服务器和本机删除你保存的常用门店。', async () => {
      await outlets().saveMyOutlet(null)
      outletChoice().clear()
    })

  const deleteSubscription = (item: MyData['subscriptions'][number]) =>
    deleteItem(`订阅记录「${item.title}」`, '删除后不会再通过这条订阅发送通知。', () => profile().deleteSubscription(item.orderId, item.templateId))

  const deleteEverything = async () => {
    const ok = await confirm(
      '删除我的数据',
      '将永久删除服务器上你的账号、资料、手机号、订单与订阅记录，并清除本机数据。此操作无法撤销。',
      '永久删除',
    )
    if (!ok) return
    await act(async () => {
      await session.deleteMyData()
      onAllDeleted()
    }, '你的数据已全部删除')
  }

  if (load.state !== 'ready') {
    return load.state === 'loading' ? (
      <StateView kind='loading' compact />
    ) : (
      <StateView kind='error' title={load.message} onAction={() => void fetchData()} compact />
    )
  }

  const { data } = load
  return (
    <View className='my-data' data-testid='my-data'>
      <View className='my-data__item'>
        <Text className='my-data__title'>头像与昵称</Text>
        <Text className='my-data__line'>昵称：{data.profile.nickname ?? '未设置'}；头像：{data.profile.avatarUrl ? '已设置' : '未设置'}</Text>
        <Text className='my-data__purpose'>{privacyDetails('nickname').purpose}</Text>
      </View>
      <View className='my-data__item'>
        <Text className='my-data__title'>手机号</Text>
        <Text className='my-data__line'>
          {data.phone ? `${data.phone.masked}（${data.phone.source === 'wechat' ? '微信手机号' : '手动填写'}，${formatDate(data.phone.savedAt)}）` : '未保存'}
        </Text>
        <Text className='my-data__purpose'>{privacyDetails('phoneNumber').purpose}</Text>
        <Text className='my-data__purpose'>{privacyDetails('phoneNumber').retention}</Text>
        {data.phone ? (
          <Text className='my-data__delete' data-testid='delete-phone' onClick={() => void deletePhone()}>
            删除
          </Text>
        ) : null}
      </View>
      <View className='my-data__item'>
        <Text className='my-data__title'>常用门店</Text>
        <Text className='my-data__line'>{data.savedOutlet ? data.savedOutlet.name : '未保存（你的位置从不保存）'}</Text>
        {data.savedOutlet ? (
          <Text className='my-data__delete' data-testid='delete-outlet' onClick={() => void deleteOutlet()}>
            删除
          </Text>
        ) : null}
      </View>
      <View className='my-data__item'>
        <Text className='my-data__title'>订阅消息</Text>
        {data.subscriptions.length === 0 ? (
          <Text className='my-data__line'>无</Text>
        ) : (
          data.subscriptions.map((item) => (
            <View key={`${item.orderId}-${item.templateId}`} className='my-data__row'>
              <Text className='my-data__line'>
                {item.title} · {DECISION_TEXT[item.decision] ?? item.decision}
                {item.sent ? ' · 已发送' : ''}
              </Text>
              <Text className='my-data__delete' data-testid='delete-subscription' onClick={() => void deleteSubscription(item)}>
                删除
              </Text>
            </View>
          ))
        )}
        <Text className='my-data__purpose'>{privacyDetails('subscribeMessage').retention}</Text>
      </View>
      <View className='my-data__item'>
        <Text className='my-data__title'>订单与登录</Text>
        <Text className='my-data__line'>
          订单 {data.orderCount} 个；登录设备 {data.activeSessions} 个
        </Text>
      </View>

      {message ? <Text className='my-data__message'>{message}</Text> : null}
      <Button className='my-data__button' disabled={busy || (!data.profile.nickname && !data.profile.avatarUrl)} onClick={() => void withdrawProfile()}>
        清除头像和昵称
      </Button>
      <Button className='my-data__button my-data__button--danger' disabled={busy} onClick={() => void deleteEverything()}>
        删除我的数据
      </Button>
    </View>
  )
}

/** The account part of 隐私与数据: server data for members, device data for visitors. */
export default function MyDataSection() {
  const { user } = useSession()
  // Shown in the visitor's view: after 删除我的数据 the member view is gone with the session.
  const [notice, setNotice] = useState<string | null>(null)

  if (user) return <MemberData key={user.id} onAllDeleted={() => setNotice('你的数据已全部删除')} />

  const clearDevice = async () => {
    if (!(await confirm('清除本机数据', '将清除本机保存的购物车、搜索记录和拒绝记录。', '清除'))) return
    session.clearLocalData()
    setNotice('本机数据已清除')
  }

  return (
    <View className='my-data' data-testid='my-data'>
      <View className='my-data__item'>
        <Text className='my-data__title'>你未登录</Text>
        <Text className='my-data__line'>服务器上没有你的个人信息。本机保存了购物车、搜索记录和你拒绝过的请求。</Text>
      </View>
      {notice ? <Text className='my-data__message'>{notice}</Text> : null}
      <Button className='my-data__button' onClick={() => void clearDevice()}>
        清除本机数据
      </Button>
    </View>
  )
}
