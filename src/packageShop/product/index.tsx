import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { cartStore, catalog } from '@/app-root'
import PageShell from '@/components/page-shell'
import Price from '@/components/price'
import ProductBuyBar from '@/components/product-buy-bar'
import ProductGallery from '@/components/product-gallery'
import QuantityStepper from '@/components/quantity-stepper'
import SkuSelector from '@/components/sku-selector'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/use-async'
import { ApiError } from '@/services/api/http'
import type { ProductDetail, Sku } from '@contract/schemas'
import { routes, switchTab } from '@/services/navigation'
import { maxQuantity, useCart } from '@/state/cart'
import './index.scss'

export default function ProductPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const product = useAsync(
    () =>
      id
        ? catalog.getProduct(id)
        : Promise.reject(new ApiError({ kind: 'http', status: 404, detail: 'Product page opened without an id parameter' })),
    [id],
  )

  let content
  if (product.status === 'loading') content = <StateView kind='loading' />
  else if (product.status === 'error') {
    content = <StateView kind='error' title={product.error.message} onAction={() => void product.reload()} />
  } else content = <ProductView key={product.data.id} product={product.data} />

  return <PageShell>{content}</PageShell>
}

function firstAvailable(skus: readonly Sku[]): Sku | null {
  return skus.find((sku) => sku.stock > 0) ?? null
}

function ProductView({ product }: { product: ProductDetail }) {
  const cart = useCart(cartStore)
  const [sku, setSku] = useState<Sku | null>(() => firstAvailable(product.skus))
  const [quantity, setQuantity] = useState(1)
  const max = sku ? maxQuantity(sku.stock) : 0

  const choose = (next: Sku) => {
    setSku(next)
    setQuantity((q) => Math.min(q, maxQuantity(next.stock)))
  }

  const addToCart = () => {
    if (!sku) return
    const result = cartStore.add(
      {
        productId: product.id,
        skuId: sku.id,
        name: product.name,
        skuName: sku.name,
        priceFen: sku.priceFen,
        image: product.image,
        stock: sku.stock,
      },
      quantity,
    )
    if (!result) void Taro.showToast({ title: '该规格已售罄', icon: 'none' })
    else if (result.limited) void Taro.showToast({ title: `库存有限，购物车中已有 ${result.quantity} 件`, icon: 'none' })
    else void Taro.showToast({ title: '已加入购物车', icon: 'success' })
  }

  return (
    <View className='product'>
      <ProductGallery images={product.images} cover={product.image} />

      <View className='product__card'>
        <View className='product__price-row' data-testid='product-price'>
          <Price fen={sku?.priceFen ?? product.priceFen} originalFen={product.originalPriceFen} size='lg' />
          <Text className='product__sales'>已售 {product.sales}</Text>
        </View>
        <Text className='product__name'>{product.name}</Text>
        {product.subtitle ? <Text className='product__subtitle'>{product.subtitle}</Text> : null}
      </View>

      <View className='product__card'>
        <View className='product__section-title'>
          <Text>规格</Text>
          <Text className='product__stock'>{sku ? `库存 ${sku.stock} 件` : '暂时缺货'}</Text>
        </View>
        {product.skus.length > 0 ? (
          <SkuSelector skus={product.skus} selectedId={sku?.id ?? null} onSelect={choose} />
        ) : (
          <Text className='product__muted'>暂无可选规格</Text>
        )}
        <View className='product__quantity'>
          <Text>数量</Text>
          <QuantityStepper value={sku ? quantity : 0} min={sku ? 1 : 0} max={max} onChange={setQuantity} disabled={!sku} />
        </View>
      </View>

      {product.description ? (
        <View className='product__card'>
          <View className='product__section-title'>
            <Text>商品详情</Text>
          </View>
          <Text className='product__desc'>{product.description}</Text>
        </View>
      ) : null}

      <ProductBuyBar cartCount={cart.count} canAdd={sku !== null} onGoCart={() => switchTab(routes.cart)} onAdd={addToCart} />
    </View>
  )
}
