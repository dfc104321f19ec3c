import { Text, View } from '@tarojs/components'
import type { ProductSort } from '@contract/schemas'
import './index.scss'

export interface SortBarProps {
  value: ProductSort
  onChange: (sort: ProductSort) => void
}

/** 综合 / 销量 / 价格; tapping 价格 again flips between ascending and descending. */
export default function SortBar({ value, onChange }: SortBarProps) {
  const priceActive = value === 'price_asc' || value === 'price_desc'
  const items: { key: string; label: string; active: boolean; next: ProductSort }[] = [
    { key: 'default', label: '综合', active: value === 'default', next: 'default' },
    { key: 'sales', label: '销量', active: value === 'sales', next: 'sales' },
    {
      key: 'price',
      label: value === 'price_desc' ? '价格↓' : '价格↑',
      active: priceActive,
      next: value === 'price_asc' ? 'price_desc' : 'price_asc',
    },
  ]
  return (
    <View className='sort-bar'>
      {items.map((item) => (
        <View
          key={item.key}
          className={`sort-bar__item${item.active ? ' is-active' : ''}`}
          aria-selected={item.active}
          onClick={() => {
            if (item.next !== value) onChange(item.next)
          }}
        >
          <Text>{item.label}</Text>
        </View>
      ))}
    </View>
  )
}
