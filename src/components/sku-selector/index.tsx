import { Text, View } from '@tarojs/components'
import type { Sku } from '@contract/schemas'
import './index.scss'

export interface SkuSelectorProps {
  skus: readonly Sku[]
  selectedId: string | null
  onSelect: (sku: Sku) => void
}

/** SKU chips; sold-out SKUs are shown but cannot be chosen. */
export default function SkuSelector({ skus, selectedId, onSelect }: SkuSelectorProps) {
  return (
    <View className='sku-selector'>
      {skus.map((sku) => {
        const soldOut = sku.stock === 0
        const selected = sku.id === selectedId
        return (
          <View
            key={sku.id}
            className={`sku-selector__chip${selected ? ' is-selected' : ''}${soldOut ? ' is-disabled' : ''}`}
            aria-selected={selected}
            aria-disabled={soldOut}
            data-sku-id={sku.id}
            onClick={() => {
              if (!soldOut) onSelect(sku)
            }}
          >
            <Text>{sku.name}</Text>
            {soldOut ? <Text className='sku-selector__tag'>已售罄</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
