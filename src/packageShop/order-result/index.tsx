import { Button, Text, View } from '@tarojs/components'
import MemberOrderPage from '@/components/member-order'
import PayDueCard from '@/components/pay-sheet/pay-due-card'
import PriceSummary from '@/components/price-summary'
import type { Fulfilment, Order } from '@contract/schemas'
import { openPage, routes, switchTab } from '@/services/navigation'
import { privacyItem } from '@/services/privacy'
import { FULFILMENT_TEXT } from '@contract/rules'
import { useSubscribe } from './use-subscribe'
import './index.scss'

/** 下单结果: the order as the server has it, the payment if still due, and an optional notice subscription. */
export default function OrderResultPage() {
  return <MemberOrderPage render={(order, refresh) => <ResultView order={order} onChanged={refresh} />} />
}

function ResultView({ order, onChanged }: { order: Order; onChanged(): void }) {
  const pending = order.status === 'pending_payment'
  const where = order.fulfilment === 'pickup' ? (order.outlet ? `${order.outlet.name}（${order.outlet.address}）` : '门店自提') : order.address ? `${order.address.city} ${order.address.detail}` : ''

  return (
    <View className='order-result'>
      <View className='order-result__head'>
        <Text className='order-result__icon'>{pending ? '!' : '✓'}</Text>
        <Text className='order-result__title'>{pending ? '订单已提交，待支付' : order.status === 'cancelled' ? '订单已取消' : '支付成功'}</Text>
        <Text className='order-result__sub'>
          {FULFILMENT_TEXT[order.fulfilment]} · {where}
        </Text>
      </View>

      <View className='order-result__card'>
        <PriceSummary itemsFen={order.itemsFen} deliveryFen={order.deliveryFen} totalFen={order.totalFen} totalLabel={pending ? '应付' : '实付'} />
      </View>

      <PayDueCard order={order} onPaid={onChanged} />

      {order.status === 'paid' ? <SubscribeCard orderId={order.id} fulfilment={order.fulfilment} /> : null}

      <View className='order-result__links'>
        <Button className='order-result__secondary' onClick={() => openPage(routes.order(order.id))}>
          查看订单
        </Button>
        <Button className='order-result__secondary' onClick={() => switchTab(routes.home)}>
          继续逛逛
        </Button>
      </View>

    </View>
  )
}

/** Plain wording, no reward and no pressure; the order is the same either way (WX-SUB-2). */
function SubscribeCard({ orderId, fulfilment }: { orderId: string; fulfilment: Fulfilment }) {
  const { state, subscribe, ready } = useSubscribe(orderId, fulfilment)
  if (!ready) return null
  return (
    <View className='order-result__card' data-testid='subscribe-card'>
      {state.status === 'done' ? (
        <Text className='order-result__subscribed'>{state.accepted ? '已订阅发货通知，有进展时会通知你' : '未订阅通知，不影响你的订单，可在「我的订单」查看进度'}</Text>
      ) : (
        <>
          <Button className='order-result__subscribe' loading={state.status === 'asking'} disabled={state.status === 'asking'} onClick={() => void subscribe()}>
            订阅发货通知
          </Button>
          <Text className='order-result__reason'>{privacyItem('subscribeMessage').reason}</Text>
          {state.status === 'failed' ? <Text className='order-result__error'>{state.message}</Text> : null}
        </>
      )}
    </View>
  )
}
