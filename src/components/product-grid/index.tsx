import { View } from '@tarojs/components'
import ProductCard from '@/components/product-card'
import { useAfterFirstPaint } from '@/hooks/use-after-first-paint'
import type { ProductSummary } from '@contract/schemas'
import './index.scss'

/**
 * Cards in the grid's first render on H5: two rows, what a phone shows of the home page above the
 * tab bar (the third row starts below the fold on screens up to 2.2× as tall as wide). The rest
 * follow right after the first paint; weapp renders all at once (useAfterFirstPaint).
 */
export const FIRST_SCREEN_CARDS = 4

export default function ProductGrid({ products }: { products: readonly ProductSummary[] }) {
  const painted = useAfterFirstPaint()
  const shown = painted ? products : products.slice(0, FIRST_SCREEN_CARDS)
  return (
    <View className='product-grid'>
      {shown.map((product) => (
        <View className='product-grid__cell' key={product.id}>
          <ProductCard product={product} />
        </View>
      ))}
    </View>
  )
}
