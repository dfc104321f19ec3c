import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import LoginSheetPlaceholder from '@/components/login-sheet-placeholder'
import PageShell from '@/components/page-shell'
import { openPage, routes, switchTab } from '@/services/navigation'
import { useCart } from '@/store/cart'
import './index.scss'

export default function MinePage() {
  // Starts closed and only the 登录 button opens it: nothing about login appears by itself.
  const [loginOpen, setLoginOpen] = useState(false)
  const cart = useCart()

  return (
    <PageShell>
      <View className='mine'>
        <View className='mine__card'>
          <View className='mine__avatar'>
            <Text>客</Text>
          </View>
          <View className='mine__who'>
            <Text className='mine__name'>未登录</Text>
            <Text className='mine__tip'>游客身份浏览中，购物车保存在本机</Text>
          </View>
          <Button className='mine__login' onClick={() => setLoginOpen(true)}>
            登录
          </Button>
        </View>

        <View className='mine__menu'>
          <View className='mine__item' onClick={() => switchTab(routes.cart)}>
            <Text className='mine__item-label'>我的购物车</Text>
            <Text className='mine__item-extra'>{cart.count > 0 ? `${cart.count} 件` : ''}</Text>
            <Text className='mine__arrow'>›</Text>
          </View>
          <View className='mine__item' onClick={() => openPage(routes.privacy)}>
            <Text className='mine__item-label'>隐私与数据</Text>
            <Text className='mine__item-extra' />
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>

        <LoginSheetPlaceholder visible={loginOpen} onClose={() => setLoginOpen(false)} />
      </View>
    </PageShell>
  )
}
