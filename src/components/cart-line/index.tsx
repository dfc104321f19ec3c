import { Image, Text, View } from '@tarojs/components'
import { catalog } from '@/app-root'
import Price from '@/components/price'
import QuantityStepper from '@/components/quantity-stepper'
import { openProduct } from '@/services/navigation'
import { maxQuantity } from '@/state/cart'
import type { CartLine as Line } from '@/state/cart'
import './index.scss'

export interface CartLineProps {
  line: Line
  onQuantityChange: (quantity: number) => void
  onRemove: () => void
}

export default function CartLine({ line, onQuantityChange, onRemove }: CartLineProps) {
  return (
    <View className='cart-line' data-line={`${line.productId}:${line.skuId}`} onClick={() => openProduct(line.productId)}>
      <Image className='cart-line__image' src={catalog.imageUrl(line.image)} mode='aspectFill' />
      <View className='cart-line__body'>
        <View className='cart-line__top'>
          <Text className='cart-line__name'>{line.name}</Text>
          <Text
            className='cart-line__remove'
            onClick={(e) => {
              e.stopPropagation()
              onRemove()
            }}
          >
            删除
          </Text>
        </View>
        <Text className='cart-line__sku'>{line.skuName}</Text>
        <View className='cart-line__bottom'>
          <Price fen={line.priceFen} size='sm' />
          <QuantityStepper value={line.quantity} max={maxQuantity(line.stock)} onChange={onQuantityChange} />
        </View>
      </View>
    </View>
  )
}
