import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Order } from '@/services/api/types'
import { formatFen } from '@/utils/money'
import PaySheet from './index'
import { usePayment } from './use-payment'

/**
 * For an order still waiting for payment: the amount stated before anything is paid (WX-UI-4),
 * 去支付, and the confirm sheet. Renders nothing once the order is paid.
 */
export default function PayDueCard({ order, onPaid }: { order: Order; onPaid(): void }) {
  const payment = usePayment(order.id)
  if (order.status !== 'pending_payment') return null
  return (
    <View className='pay-due'>
      <Text className='pay-due__statement'>需支付 ¥{formatFen(order.totalFen)}，确认后才会扣款</Text>
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
