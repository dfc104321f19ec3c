import { Image, Text, View } from '@tarojs/components'
import { catalog } from '@/app-root'
import Price from '@/components/price'
import type { ProductSummary } from '@contract/schemas'
import { openProduct } from '@/services/navigation'
import './index.scss'

export interface ProductCardProps {
  product: ProductSummary
  /** 'grid': image on top (home, search); 'row': image on the left (category list). */
  layout?: 'grid' | 'row'
}

function salesText(sales: number): string {
  return sales >= 10000 ? `已售${(sales / 10000).toFixed(1)}万` : `已售${sales}`
}

export default function ProductCard({ product, layout = 'grid' }: ProductCardProps) {
  const soldOut = product.stock === 0
  return (
    <View className={`product-card product-card--${layout}`} data-product-id={product.id} onClick={() => openProduct(product.id)}>
      <View className='product-card__media'>
        <Image className='product-card__image' src={catalog.imageUrl(product.image)} mode='aspectFill' lazyLoad />
        {soldOut ? <Text className='product-card__badge'>已售罄</Text> : null}
      </View>
      <View className='product-card__body'>
        <Text className='product-card__name'>{product.name}</Text>
        {product.subtitle ? <Text className='product-card__subtitle'>{product.subtitle}</Text> : null}
        <View className='product-card__bottom'>
          <Price fen={product.priceFen} originalFen={product.originalPriceFen} size='sm' />
          <Text className='product-card__sales'>{salesText(product.sales)}</Text>
        </View>
      </View>
    </View>
  )
}
