import { Button, Form, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { catalog, session, sessionStore } from '@/app-root'
import { profile } from '@/subpackage-root'
import AccountPage from '@/components/account-page'
import { ApiError } from '@/services/api/http'
import { currentPlatform } from '@/services/env'
import { privacyItem } from '@/services/privacy'
import AvatarPicker from '@/services/privacy/components/avatar-picker'
import NicknameField, { type NicknameReview } from '@/services/privacy/components/nickname-field'
import { LoginDeclined, useSession } from '@/services/session'
import { charCount, TEXT_LIMITS } from '@contract/rules'
import './index.scss'

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof LoginDeclined ? error.message : '操作未完成，请稍后重试'
}

/**
 * 编辑资料: avatar through WeChat's chooser and nickname through the nickname input, both only on
 * this page the user opened (WX-PROFILE-1), shown only to the user (WX-PROFILE-4), and withdrawable
 * (WX-PROFILE-3).
 */
export default function ProfilePage() {
  const { user } = useSession()
  // 'untouched': the field still shows the saved nickname (nothing typed, nothing to review).
  const [review, setReview] = useState<NicknameReview | 'untouched'>('untouched')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [typed, setTyped] = useState<string | null>(null)

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setMessage(null)
    try {
      await session.withAccount('profile', action)
    } catch (error) {
      setMessage(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const uploadAvatar = (filePath: string) =>
    run(async () => {
      sessionStore.updateUser(await profile().uploadAvatar(filePath))
      setMessage('头像已更新')
    })

  const submitNickname = (value: Record<string, unknown>) => {
    const nickname = typeof value.nickname === 'string' ? value.nickname.trim() : ''
    if (nickname === '') return setMessage('请输入昵称')
    if (nickname === user?.nickname && review === 'untouched') return setMessage('昵称未修改')
    // WX-PROFILE-6: only a reviewed nickname is saved; pending or failed never reaches the server.
    if (review === 'rejected') return setMessage('昵称未通过微信安全检测，请修改后再保存')
    if (review === 'pending' || review === 'untouched') return setMessage('微信正在检测昵称，请稍候再保存')
    if (charCount(nickname) > TEXT_LIMITS.nickname) return setMessage(`昵称最多 ${TEXT_LIMITS.nickname} 个字`)
    void run(async () => {
      sessionStore.updateUser(await profile().updateNickname(nickname))
      setMessage('昵称已保存')
    })
  }

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '清除头像和昵称',
      content: '将从本机和服务器删除你的头像和昵称，之后不再使用。',
      confirmText: '清除',
      cancelText: '取消',
    })
    if (!confirm) return
    await run(async () => {
      sessionStore.updateUser(await profile().withdrawProfile())
      setMessage('已清除头像和昵称')
    })
  }

  return (
    <AccountPage purpose='profile'>
      <View className='profile'>
        <View className='profile__row'>
          <Text className='profile__label'>头像</Text>
          <AvatarPicker className='profile__avatar-button' disabled={busy || !user} onPick={(path) => void uploadAvatar(path)} onRefused={setMessage}>
            {user?.avatarUrl ? (
              <Image className='profile__avatar' data-testid='profile-avatar' src={catalog.imageUrl(user.avatarUrl)} mode='aspectFill' />
            ) : (
              <Text className='profile__avatar profile__avatar--empty'>选择头像</Text>
            )}
          </AvatarPicker>
        </View>
        <Text className='profile__reason'>{privacyItem('avatar').reason}</Text>

        <Form onSubmit={(event) => submitNickname(event.detail.value ?? {})}>
          <View className='profile__row'>
            <Text className='profile__label'>昵称</Text>
            <NicknameField className='profile__input' name='nickname' defaultValue={user?.nickname ?? ''} active={Boolean(user)} onReview={setReview} onChange={setTyped} />
          </View>
          <Text className='profile__reason'>{privacyItem('nickname').reason}</Text>
          {/* WeChat: the form submit carries the reviewed nickname. Taro's H5 Form submits only on
              touch, so the browser preview saves from a click with what was typed. */}
          {currentPlatform() === 'weapp' ? (
            <Button className='profile__save' formType='submit' disabled={busy || !user}>
              保存昵称
            </Button>
          ) : (
            <Button className='profile__save' disabled={busy || !user} onClick={() => submitNickname({ nickname: typed ?? user?.nickname ?? '' })}>
              保存昵称
            </Button>
          )}
        </Form>

        {message ? <Text className='profile__message'>{message}</Text> : null}

        <Button className='profile__withdraw' disabled={busy || !user || (!user.nickname && !user.avatarUrl)} onClick={() => void withdraw()}>
          清除头像和昵称
        </Button>
      </View>
    </AccountPage>
  )
}
