import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { stores } from '@/subpackage-root'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/useAsync'
import type { Store } from '@contract/schemas'
import { privacyItem } from '@/services/privacy'
import { useNearestStores } from './use-nearest-stores'
import './index.scss'

export interface StorePickerProps {
  selectedId: string | null
  onSelect(store: Store): void
  /** The city shown first, e.g. the saved store's. */
  initialCity?: string
}

export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)}m` : `${(meters / 1000).toFixed(1)}km`
}

function StoreRow({ store, distance, selected, onSelect }: { store: Store; distance?: number; selected: boolean; onSelect(): void }) {
  return (
    <View className={`store-picker__store${selected ? ' is-selected' : ''}`} data-store={store.id} aria-selected={selected} onClick={onSelect}>
      <View className='store-picker__store-main'>
        <Text className='store-picker__store-name'>{store.name}</Text>
        <Text className='store-picker__store-line'>{store.address}</Text>
        <Text className='store-picker__store-line'>营业时间 {store.hours}</Text>
      </View>
      <View className='store-picker__store-side'>
        {distance !== undefined ? <Text className='store-picker__distance'>{formatDistance(distance)}</Text> : null}
        {selected ? <Text className='store-picker__check'>已选</Text> : null}
      </View>
    </View>
  )
}

/**
 * Choosing a store: by city from the list (always works, with or without location), or the
 * nearest ones from the user's fuzzy location on a tap, with the reason beside the button
 * (WX-LOC-1..4). Used by 门店 and by checkout's 自提.
 */
export default function StorePicker({ selectedId, onSelect, initialCity }: StorePickerProps) {
  const list = useAsync(() => stores().list(), [])
  const nearest = useNearestStores()
  const [city, setCity] = useState<string | null>(initialCity ?? null)
  const { state } = nearest

  let byCity
  if (list.status === 'loading') byCity = <StateView kind='loading' compact />
  else if (list.status === 'error') byCity = <StateView kind='error' title={list.error.message} onAction={() => void list.reload()} compact />
  else if (list.data.items.length === 0) byCity = <StateView kind='empty' title='暂无门店' compact />
  else {
    const cities = list.data.cities.length > 0 ? list.data.cities : [...new Set(list.data.items.map((s) => s.city))]
    const shown = city !== null && cities.includes(city) ? city : (cities[0] ?? '')
    byCity = (
      <>
        <View className='store-picker__cities'>
          {cities.map((name) => (
            <Text key={name} className={`store-picker__city${name === shown ? ' is-active' : ''}`} aria-selected={name === shown} onClick={() => setCity(name)}>
              {name}
            </Text>
          ))}
        </View>
        {list.data.items
          .filter((store) => store.city === shown)
          .map((store) => (
            <StoreRow key={store.id} store={store} selected={store.id === selectedId} onSelect={() => onSelect(store)} />
          ))}
      </>
    )
  }

  return (
    <View className='store-picker'>
      <View className='store-picker__locate'>
        <Button
          className='store-picker__locate-button'
          loading={state.status === 'locating'}
          disabled={state.status === 'locating'}
          onClick={() => void nearest.locate()}
        >
          使用我的大致位置
        </Button>
        <Text className='store-picker__reason'>{privacyItem('fuzzyLocation').reason}</Text>
        {state.status === 'refused' || state.status === 'failed' ? (
          <View className='store-picker__notice' role='status'>
            <Text>{state.message}</Text>
            {state.status === 'refused' && state.canOpenSettings ? (
              <Button className='store-picker__settings' onClick={() => void nearest.openSettings()}>
                去设置开启
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      {state.status === 'ready' ? (
        <View className='store-picker__section' data-testid='nearest-stores'>
          <Text className='store-picker__title'>离你最近</Text>
          {state.items.length === 0 ? <Text className='store-picker__empty'>附近暂无门店，可从下方列表选择</Text> : null}
          {state.items.map((store) => (
            <StoreRow key={store.id} store={store} distance={store.distanceMeters} selected={store.id === selectedId} onSelect={() => onSelect(store)} />
          ))}
        </View>
      ) : null}

      <View className='store-picker__section' data-testid='stores-by-city'>
        <Text className='store-picker__title'>按城市选择</Text>
        {byCity}
      </View>
    </View>
  )
}
