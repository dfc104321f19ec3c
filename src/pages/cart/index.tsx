import { Button, Text, View } from '@tarojs/components'
import { cartStore } from '@/app-root'
import CartLine from '@/components/cart-line'
import PageShell from '@/components/page-shell'
import Price from '@/components/price'
import StateView from '@/components/state-view'
import { openPage, routes, switchTab } from '@/services/navigation'
import { useCart } from '@/state/cart'
import './index.scss'

/**
 * The cart lives on the device (no login, no network), so there is no loading or error state:
 * a corrupt stored cart is already turned into an empty one by the outlet.
 */
export default function CartPage() {
  const cart = useCart(cartStore)

  // Checkout asks for login only at 提交订单, and for a phone only there (WX-PHONE-1); never here.
  const checkout = () => {
    if (cart.lines.length > 0) openPage(routes.checkout)
  }

  if (cart.lines.length === 0) {
    return (
      <PageShell>
        <View className='cart cart--empty'>
          <StateView
            kind='empty'
            title='购物车还是空的'
            description='去挑几件喜欢的商品吧'
            actionText='去逛逛'
            onAction={() => switchTab(routes.home)}
          />
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell>
      <View className='cart'>
        <View className='cart__summary'>
          <Text>共 {cart.count} 件商品</Text>
        </View>
        {cart.lines.map((line) => (
          <CartLine
            key={`${line.productId}:${line.skuId}`}
            line={line}
            onQuantityChange={(quantity) => cartStore.setQuantity(line.productId, line.skuId, quantity)}
            onRemove={() => cartStore.remove(line.productId, line.skuId)}
          />
        ))}
        <View className='cart__bar'>
          <View className='cart__total' data-testid='cart-total'>
            <Text className='cart__total-label'>合计</Text>
            <Price fen={cart.totalFen} size='md' />
          </View>
          <Button className='cart__checkout' onClick={checkout}>
            去结算({cart.count})
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
