import { Text, View } from '@tarojs/components'
import { openPage, routes } from '@/services/navigation'
import './index.scss'

/** Looks like a search box but is a button: the real input lives on the search page. */
export default function SearchEntry({ placeholder = '搜索商品' }: { placeholder?: string }) {
  return (
    <View className='search-entry' aria-label='搜索' onClick={() => openPage(routes.search)}>
      <View className='search-entry__icon' />
      <Text className='search-entry__placeholder'>{placeholder}</Text>
    </View>
  )
}
