import { Button, Text, View } from '@tarojs/components'
import './index.scss'

export interface ProductBuyBarProps {
  cartCount: number
  canAdd: boolean
  onGoCart: () => void
  onAdd: () => void
}

export default function ProductBuyBar({ cartCount, canAdd, onGoCart, onAdd }: ProductBuyBarProps) {
  return (
    <View className='buy-bar'>
      <View className='buy-bar__cart' onClick={onGoCart}>
        <View className='buy-bar__cart-icon'>
          {cartCount > 0 ? <Text className='buy-bar__badge' data-testid='cart-badge'>{cartCount > 99 ? '99+' : cartCount}</Text> : null}
        </View>
        <Text className='buy-bar__cart-label'>去购物车</Text>
      </View>
      <Button className={`buy-bar__add${canAdd ? '' : ' buy-bar__add--disabled'}`} disabled={!canAdd} onClick={onAdd} data-testid='add-to-cart'>
        {canAdd ? '加入购物车' : '已售罄'}
      </Button>
    </View>
  )
}
