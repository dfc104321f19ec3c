import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Order } from '@contract/schemas'
import { formatFen } from '@/utils/money'
import { formatTime } from '@/utils/order-text'
import PaySheet from './index'
import { usePayment } from './use-payment'

/**
 * For an order still waiting for payment: the amount stated before anything is paid (WX-UI-4),
 * 去支付, and the confirm sheet; the deadline after which the server cancels it and releases
 * the stock. Renders nothing once the order is paid.
 */
export default function PayDueCard({ order, onPaid }: { order: Order; onPaid(): void }) {
  const payment = usePayment(order.id)
  if (order.status !== 'pending_payment') return null
  return (
    <View className='pay-due'>
      <Text className='pay-due__statement'>需支付 ¥{formatFen(order.totalFen)}，确认后才会扣款</Text>
      {order.payBy ? (
        <Text className='pay-due__deadline'>请在 {formatTime(order.payBy)} 前完成支付，超时订单将自动取消</Text>
      ) : null}
      <Button className='pay-due__button' onClick={payment.start}>
        去支付 ¥{formatFen(order.totalFen)}
      </Button>
      <PaySheet
        payment={payment}
        amountFen={order.totalFen}
        onPaid={() => {
          payment.close()
          void Taro.showToast({ title: '支付成功', icon: 'success' })
          onPaid()
        }}
      />
    </View>
  )
}
