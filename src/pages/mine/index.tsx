import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { cartStore, catalog, session } from '@/app-root'
import PageShell from '@/components/page-shell'
import { openPage, routes, switchTab } from '@/services/navigation'
import { useSession } from '@/services/session'
import { useCart } from '@/state/cart'
import './index.scss'

/** 暂不登录 on the sheet: the user simply stays on 我的 (WX-LOGIN-2). */
const stayHere = () => undefined

/** 我的: a visitor card with an explicit 登录, or the member's own profile, orders and logout. */
export default function MinePage() {
  const { user } = useSession()
  const cart = useCart(cartStore)

  useDidShow(() => {
    // Members see their latest profile; an expired session quietly turns them into a visitor
    // (no sheet pops up by itself: WX-LOGIN-1).
    session.refreshProfile().catch(() => undefined)
  })

  const openOrders = () => {
    session.ensureAccount('orders').then(() => openPage(routes.orders), stayHere)
  }

  const editProfile = () => {
    session.ensureAccount('profile').then(() => openPage(routes.profile), stayHere)
  }

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后购物车仍保留在本机。', confirmText: '退出', cancelText: '取消' })
    if (!confirm) return
    await session.logout()
    void Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  return (
    <PageShell>
      <View className='mine'>
        <View className='mine__card'>
          <View className='mine__avatar'>
            {user?.avatarUrl ? <Image className='mine__avatar-image' src={catalog.imageUrl(user.avatarUrl)} mode='aspectFill' /> : <Text>{user ? '我' : '客'}</Text>}
          </View>
          <View className='mine__who'>
            <Text className='mine__name'>{user ? user.nickname ?? '微信用户' : '未登录'}</Text>
            <Text className='mine__tip'>{user ? (user.phoneMasked ? `手机 ${user.phoneMasked}` : '资料仅你本人可见') : '游客身份浏览中，购物车保存在本机'}</Text>
          </View>
          {user ? (
            <Button className='mine__login' onClick={editProfile}>
              编辑资料
            </Button>
          ) : (
            <Button className='mine__login' data-testid='mine-login' onClick={() => session.ensureAccount('member').catch(stayHere)}>
              登录
            </Button>
          )}
        </View>

        <View className='mine__menu'>
          <View className='mine__item' onClick={openOrders}>
            <Text className='mine__item-label'>我的订单</Text>
            <Text className='mine__item-extra' />
            <Text className='mine__arrow'>›</Text>
          </View>
          <View className='mine__item' onClick={() => openPage(routes.outlets)}>
            <Text className='mine__item-label'>门店</Text>
            <Text className='mine__item-extra' />
            <Text className='mine__arrow'>›</Text>
          </View>
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
          <View className='mine__item' onClick={() => openPage(routes.contact)}>
            <Text className='mine__item-label'>联系我们</Text>
            <Text className='mine__item-extra' />
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>

        {user ? (
          <Button className='mine__logout' onClick={() => void logout()}>
            退出登录
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}
