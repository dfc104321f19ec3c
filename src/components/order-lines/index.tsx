import { Image, Text, View } from '@tarojs/components'
import { catalog } from '@/app-root'
import Price from '@/components/price'
import './index.scss'

export interface OrderLineView {
  key: string
  name: string
  skuName: string
  /** Relative image path as the API returns it. */
  image: string
  unitPriceFen: number
  quantity: number
}

/** Read-only item lines: checkout (from the cart) and orders (from the server). */
export default function OrderLines({ lines }: { lines: readonly OrderLineView[] }) {
  return (
    <View className='order-lines'>
      {lines.map((line) => (
        <View key={line.key} className='order-lines__line' data-line={line.key}>
          <Image className='order-lines__image' src={catalog.imageUrl(line.image)} mode='aspectFill' />
          <View className='order-lines__body'>
            <Text className='order-lines__name'>{line.name}</Text>
            <Text className='order-lines__sku'>{line.skuName}</Text>
            <View className='order-lines__bottom'>
              <Price fen={line.unitPriceFen} size='sm' />
              <Text className='order-lines__quantity'>×{line.quantity}</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
