import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { outlets } from '@/subpackage-root'
import StateView from '@/components/state-view'
import { useAsync } from '@/hooks/use-async'
import type { Outlet } from '@contract/schemas'
import { privacyItem } from '@/services/privacy'
import { useNearestOutlets } from './use-nearest-outlets'
import './index.scss'

export interface OutletPickerProps {
  selectedId: string | null
  onSelect(outlet: Outlet): void
  /** The city shown first, e.g. the saved outlet's. */
  initialCity?: string
}

export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)}m` : `${(meters / 1000).toFixed(1)}km`
}

function OutletRow({ outlet, distance, selected, onSelect }: { outlet: Outlet; distance?: number; selected: boolean; onSelect(): void }) {
  return (
    <View className={`outlet-picker__outlet${selected ? ' is-selected' : ''}`} data-outlet={outlet.id} aria-selected={selected} onClick={onSelect}>
      <View className='outlet-picker__outlet-main'>
        <Text className='outlet-picker__outlet-name'>{outlet.name}</Text>
        <Text className='outlet-picker__outlet-line'>{outlet.address}</Text>
        <Text className='outlet-picker__outlet-line'>营业时间 {outlet.hours}</Text>
      </View>
      <View className='outlet-picker__outlet-side'>
        {distance !== undefined ? <Text className='outlet-picker__distance'>{formatDistance(distance)}</Text> : null}
        {selected ? <Text className='outlet-picker__check'>已选</Text> : null}
      </View>
    </View>
  )
}

/**
 * Choosing a outlet: by city from the list (always works, with or without location), or the
 * nearest ones from the user's fuzzy location on a tap, with the reason beside the button
 * (WX-LOC-1..4). Used by 门店 and by checkout's 自提.
 */
export default function OutletPicker({ selectedId, onSelect, initialCity }: OutletPickerProps) {
  const list = useAsync(() => outlets().list(), [])
  const nearest = useNearestOutlets()
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
        <View className='outlet-picker__cities'>
          {cities.map((name) => (
            <Text key={name} className={`outlet-picker__city${name === shown ? ' is-active' : ''}`} aria-selected={name === shown} onClick={() => setCity(name)}>
              {name}
            </Text>
          ))}
        </View>
        {list.data.items
          .filter((outlet) => outlet.city === shown)
          .map((outlet) => (
            <OutletRow key={outlet.id} outlet={outlet} selected={outlet.id === selectedId} onSelect={() => onSelect(outlet)} />
          ))}
      </>
    )
  }

  return (
    <View className='outlet-picker'>
      <View className='outlet-picker__locate' data-testid='outlet-locate'>
        <Button
          className='outlet-picker__locate-button'
          loading={state.status === 'locating'}
          disabled={state.status === 'locating'}
          onClick={() => void nearest.locate()}
        >
          使用我的大致位置
        </Button>
        <Text className='outlet-picker__reason'>{privacyItem('fuzzyLocation').reason}</Text>
        {state.status === 'refused' || state.status === 'failed' ? (
          <View className='outlet-picker__notice' role='status'>
            <Text>{state.message}</Text>
            {state.status === 'refused' && state.canOpenSettings ? (
              <Button className='outlet-picker__settings' onClick={() => void nearest.openSettings()}>
                去设置开启
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      {state.status === 'ready' ? (
        <View className='outlet-picker__section' data-testid='nearest-outlets'>
          <Text className='outlet-picker__title'>离你最近</Text>
          {state.items.length === 0 ? <Text className='outlet-picker__empty'>附近暂无门店，可从下方列表选择</Text> : null}
          {state.items.map((outlet) => (
            <OutletRow key={outlet.id} outlet={outlet} distance={outlet.distanceMeters} selected={outlet.id === selectedId} onSelect={() => onSelect(outlet)} />
          ))}
        </View>
      ) : null}

      <View className='outlet-picker__section' data-testid='outlets-by-city'>
        <Text className='outlet-picker__title'>按城市选择</Text>
        {byCity}
      </View>
    </View>
  )
}
