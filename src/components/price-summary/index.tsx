import { Text, View } from '@tarojs/components'
import { formatFen } from '@/utils/money'
import './index.scss'

export interface PriceSummaryProps {
  itemsFen: number
  deliveryFen: number
  totalFen: number
  /** Shown beside the delivery fee, e.g. the free-delivery rule. */
  deliveryNote?: string
  /** 合计 (before ordering) or 实付 (the server's numbers). */
  totalLabel?: string
}

export default function PriceSummary({ itemsFen, deliveryFen, totalFen, deliveryNote, totalLabel = '合计' }: PriceSummaryProps) {
  return (
    <View className='price-summary'>
      <View className='price-summary__row'>
        <Text>商品金额</Text>
        <Text data-testid='items-fen'>¥{formatFen(itemsFen)}</Text>
      </View>
      <View className='price-summary__row'>
        <Text>
          配送费{deliveryNote ? <Text className='price-summary__note'>（{deliveryNote}）</Text> : null}
        </Text>
        <Text data-testid='delivery-fen'>{deliveryFen === 0 ? '免配送费' : `¥${formatFen(deliveryFen)}`}</Text>
      </View>
      <View className='price-summary__row price-summary__row--total'>
        <Text>{totalLabel}</Text>
        <Text className='price-summary__total' data-testid='total-fen'>
          ¥{formatFen(totalFen)}
        </Text>
      </View>
    </View>
  )
}
