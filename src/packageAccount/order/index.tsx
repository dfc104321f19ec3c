import { Text, View } from '@tarojs/components'
import MemberOrderPage from '@/components/member-order'
import OrderLines from '@/components/order-lines'
import PayDueCard from '@/components/pay-sheet/pay-due-card'
import PriceSummary from '@/components/price-summary'
import type { Order } from '@contract/schemas'
import { FULFILMENT_TEXT, ORDER_STATUS_TEXT } from '@contract/rules'
import { formatTime } from '@/utils/order-text'
import './index.scss'

/** 订单详情: status, lines, totals, where it goes, and the contact as the member gave it (phone masked). */
export default function OrderPage() {
  return <MemberOrderPage render={(order, refresh) => <DetailView order={order} onPaid={refresh} />} />
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='order__row'>
      <Text className='order__label'>{label}</Text>
      <Text className='order__value'>{value}</Text>
    </View>
  )
}

function DetailView({ order, onPaid }: { order: Order; onPaid(): void }) {
  const pending = order.status === 'pending_payment'
  return (
    <View className='order'>
      <View className='order__card order__status'>
        <Text className='order__status-text'>{ORDER_STATUS_TEXT[order.status]}</Text>
        <Text className='order__muted'>订单号 {order.id}</Text>
      </View>

      <View className='order__card'>
        <OrderLines
          lines={order.items.map((line) => ({ key: line.skuId, name: line.name, skuName: line.skuName, image: line.image, unitPriceFen: line.unitPriceFen, quantity: line.quantity }))}
        />
        <PriceSummary itemsFen={order.itemsFen} deliveryFen={order.deliveryFen} totalFen={order.totalFen} totalLabel={pending ? '应付' : '实付'} />
      </View>

      <View className='order__card'>
        <Row label='方式' value={FULFILMENT_TEXT[order.fulfilment]} />
        {order.outlet ? <Row label='自提门店' value={`${order.outlet.name} · ${order.outlet.address}`} /> : null}
        {order.address ? <Row label='收货地址' value={`${order.address.city} ${order.address.detail}`} /> : null}
        <Row label='联系人' value={order.contact.name} />
        {order.contact.phoneMasked ? <Row label='手机号' value={order.contact.phoneMasked} /> : null}
        {order.note ? <Row label='备注' value={order.note} /> : null}
        <Row label='下单时间' value={formatTime(order.createdAt)} />
        {order.paidAt ? <Row label='支付时间' value={formatTime(order.paidAt)} /> : null}
      </View>

      <PayDueCard order={order} onPaid={onPaid} />
    </View>
  )
}
