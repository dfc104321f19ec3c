import { ScrollView, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { catalog } from '@/app-root'
import ListFooter from '@/components/list-footer'
import PageShell from '@/components/page-shell'
import ProductCard from '@/components/product-card'
import SortBar from '@/components/sort-bar'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/use-async'
import { usePagedList } from '@/hooks/use-paged-list'
import type { ProductSort } from '@contract/schemas'
import { takePendingCategory } from '@/services/navigation'
import './index.scss'

const PAGE_SIZE = 10

export default function CategoryPage() {
  const categories = useAsync(() => catalog.getCategories(), [])
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [sort, setSort] = useState<ProductSort>('default')

  // A tab page stays mounted; a category picked on the home page arrives on every show.
  useDidShow(() => {
    const pending = takePendingCategory()
    if (pending) setChosenId(pending)
  })

  const list = categories.data ?? []
  const activeId = list.some((c) => c.id === chosenId) ? chosenId : (list[0]?.id ?? null)

  const products = usePagedList(
    (page) => catalog.listProducts({ categoryId: activeId ?? undefined, sort, page, pageSize: PAGE_SIZE }),
    [activeId, sort],
    { enabled: activeId !== null },
  )

  let content
  if (categories.status === 'loading') {
    content = <StateView kind='loading' />
  } else if (categories.status === 'error') {
    content = <StateView kind='error' title={categories.error.message} onAction={() => void categories.reload()} />
  } else if (list.length === 0) {
    content = <StateView kind='empty' title='暂无分类' />
  } else {
    content = (
      <View className='category'>
        <ScrollView className='category__nav' scrollY>
          {list.map((category) => (
            <View
              key={category.id}
              className={`category__nav-item${category.id === activeId ? ' is-active' : ''}`}
              aria-selected={category.id === activeId}
              onClick={() => setChosenId(category.id)}
            >
              <Text>{category.name}</Text>
            </View>
          ))}
        </ScrollView>
        <View className='category__main'>
          <SortBar value={sort} onChange={setSort} />
          <ScrollView
            key={`${activeId ?? ''}-${sort}`}
            className='category__list'
            scrollY
            lowerThreshold={120}
            onScrollToLower={() => void products.loadMore()}
          >
            {products.status === 'loading' ? <StateView kind='loading' compact /> : null}
            {products.status === 'error' ? (
              <StateView kind='error' compact title={products.error?.message} onAction={() => void products.retry()} />
            ) : null}
            {products.status === 'ready' && products.items.length === 0 ? (
              <StateView kind='empty' compact title='该分类暂无商品' />
            ) : null}
            {products.items.map((product) => (
              <View className='category__row' key={product.id}>
                <ProductCard product={product} layout='row' />
              </View>
            ))}
            <ListFooter list={products} />
          </ScrollView>
        </View>
      </View>
    )
  }

  return <PageShell>{content}</PageShell>
}
