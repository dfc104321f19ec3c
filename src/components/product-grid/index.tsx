import { View } from '@tarojs/components'
import ProductCard from '@/components/product-card'
import type { ProductSummary } from '@contract/schemas'
import './index.scss'

export default function ProductGrid({ products }: { products: readonly ProductSummary[] }) {
  return (
    <View className='product-grid'>
      {products.map((product) => (
        <View className='product-grid__cell' key={product.id}>
          <ProductCard product={product} />
        </View>
      ))}
    </View>
  )
}
