import { Image, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { catalog, session } from '@/app-root'
import { orders } from '@/subpackage-root'
import ListFooter from '@/components/list-footer'
import AccountPage from '@/components/account-page'
import Price from '@/components/price'
import StateView from '@/components/state-view'
import { usePagedList } from '@/hooks/use-paged-list'
import type { OrderSummary } from '@contract/schemas'
import { openPage, routes, switchTab } from '@/services/navigation'
import { FULFILMENT_TEXT, ORDER_STATUS_TEXT } from '@contract/rules'
import { formatTime } from '@/utils/order-text'
import './index.scss'

const PAGE_SIZE = 10

/** 我的订单: the member's orders, newest first, paged. */
export default function OrdersPage() {
  return (
    <AccountPage purpose='orders'>
      <OrderList />
    </AccountPage>
  )
}

function OrderRow({ order }: { order: OrderSummary }) {
  return (
    <View className='orders__row' data-order={order.id} onClick={() => openPage(routes.order(order.id))}>
      <View className='orders__row-head'>
        <Text className='orders__time'>{formatTime(order.createdAt)}</Text>
        <Text className='orders__status'>{ORDER_STATUS_TEXT[order.status]}</Text>
      </View>
      <View className='orders__row-body'>
        <Image className='orders__image' src={catalog.imageUrl(order.image)} mode='aspectFill' />
        <View className='orders__info'>
          <Text className='orders__name'>
            {order.firstItemName}
            {order.itemCount > 1 ? ` 等 ${order.itemCount} 件` : ''}
          </Text>
          <Text className='orders__meta'>{FULFILMENT_TEXT[order.fulfilment]}</Text>
        </View>
        <Price fen={order.totalFen} size='sm' />
      </View>
    </View>
  )
}

function OrderList() {
  const list = usePagedList((page) => session.withAccount('orders', () => orders().list({ page, pageSize: PAGE_SIZE })), [])
  useReachBottom(() => {
    void list.loadMore()
  })

  if (list.status === 'loading') return <StateView kind='loading' />
  if (list.status === 'error') return <StateView kind='error' title={list.error?.message} onAction={() => void list.retry()} />
  if (list.items.length === 0) {
    return <StateView kind='empty' title='还没有订单' description='下单后可在这里查看进度' actionText='去逛逛' onAction={() => switchTab(routes.home)} />
  }
  return (
    <View className='orders'>
      {list.items.map((order) => (
        <OrderRow key={order.id} order={order} />
      ))}
      <ListFooter list={list} />
    </View>
  )
}
