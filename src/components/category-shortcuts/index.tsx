import { Image, Text, View } from '@tarojs/components'
import { catalog } from '@/app-root'
import StateView from '@/components/state-view'
import type { AsyncResult } from '@/hooks/use-async'
import type { Category } from '@contract/schemas'
import { openCategory } from '@/services/navigation'
import './index.scss'

const MAX_SHORTCUTS = 8

/** Round category icons on the home page; tapping one opens that category on the 分类 tab. */
export default function CategoryShortcuts({ categories }: { categories: AsyncResult<Category[]> }) {
  if (categories.status === 'loading') return <View className='category-shortcuts category-shortcuts--placeholder' />
  if (categories.status === 'error') {
    return (
      <View className='category-shortcuts'>
        <StateView kind='error' compact title='分类加载失败' onAction={() => void categories.reload()} />
      </View>
    )
  }
  if (categories.data.length === 0) return null
  return (
    <View className='category-shortcuts'>
      {categories.data.slice(0, MAX_SHORTCUTS).map((category) => (
        <View key={category.id} className='category-shortcuts__item' onClick={() => openCategory(category.id)}>
          <Image className='category-shortcuts__image' src={catalog.imageUrl(category.image)} mode='aspectFill' />
          <Text className='category-shortcuts__name'>{category.name}</Text>
        </View>
      ))}
    </View>
  )
}
