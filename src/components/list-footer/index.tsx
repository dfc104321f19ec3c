import { Text, View } from '@tarojs/components'
import type { PagedList } from '@/hooks/use-paged-list'
import './index.scss'

/** The footer under a paged list: loading more, load-more failure with retry, or the end. */
export default function ListFooter<T extends { id: string }>({ list }: { list: PagedList<T> }) {
  if (list.status !== 'ready' || list.items.length === 0) return null
  if (list.loadingMore) {
    return (
      <View className='list-footer'>
        <Text>加载中…</Text>
      </View>
    )
  }
  if (list.loadMoreError) {
    return (
      <View className='list-footer list-footer--error' onClick={() => void list.loadMore()}>
        <Text>加载失败，点击重试</Text>
      </View>
    )
  }
  if (list.hasMore) {
    return (
      <View className='list-footer' onClick={() => void list.loadMore()}>
        <Text>上拉加载更多</Text>
      </View>
    )
  }
  return (
    <View className='list-footer'>
      <Text>— 没有更多了 —</Text>
    </View>
  )
}
