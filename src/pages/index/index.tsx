import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { catalog } from '@/app-root'
import CategoryShortcuts from '@/components/category-shortcuts'
import ListFooter from '@/components/list-footer'
import PageShell from '@/components/page-shell'
import ProductGrid from '@/components/product-grid'
import SearchEntry from '@/components/search-entry'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/use-async'
import { usePagedList } from '@/hooks/use-paged-list'
import { useState } from 'react'
import { takeHomeFirstPage } from './early-first-page'
import { HOME_PRODUCTS } from './first-page'
import './index.scss'

export default function HomePage() {
  const categories = useAsync(() => catalog.getCategories(), [])
  // H5 asked for the first page while the app booted (./early-first-page.h5.ts); taken once, on mount.
  const [firstPage] = useState(takeHomeFirstPage)
  const products = usePagedList((page) => catalog.listProducts({ ...HOME_PRODUCTS, page }), [], { firstPage })

  useReachBottom(() => {
    void products.loadMore()
  })

  const refreshAll = async () => {
    const errors = await Promise.all([products.refresh(), categories.refresh()])
    Taro.stopPullDownRefresh()
    // What was on screen stays when a refresh fails, so a short hint is enough.
    const error = errors.find((e) => e !== null)
    if (error) void Taro.showToast({ title: error.message, icon: 'none' })
  }

  usePullDownRefresh(() => {
    void refreshAll()
  })

  return (
    <PageShell>
      <View className='home'>
        <View className='home__header'>
          <SearchEntry />
        </View>
        <CategoryShortcuts categories={categories} />
        <View className='home__section-title'>
          <Text>为你推荐</Text>
        </View>
        {products.status === 'loading' ? <StateView kind='loading' compact /> : null}
        {products.status === 'error' ? (
          <StateView kind='error' title={products.error?.message} onAction={() => void products.retry()} />
        ) : null}
        {products.status === 'ready' && products.items.length === 0 ? (
          <StateView kind='empty' title='暂无商品' description='店铺正在上新，晚点再来看看' />
        ) : null}
        {products.status === 'ready' && products.items.length > 0 ? (
          <>
            <ProductGrid products={products.items} />
            <ListFooter list={products} />
          </>
        ) : null}
      </View>
    </PageShell>
  )
}
