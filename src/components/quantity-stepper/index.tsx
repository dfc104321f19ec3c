import { Text, View } from '@tarojs/components'
import type { ITouchEvent } from '@tarojs/components'
import './index.scss'

export interface QuantityStepperProps {
  value: number
  min?: number
  max: number
  onChange: (value: number) => void
  disabled?: boolean
}

/** − n + with both ends disabled at the limits; taps never leave the [min, max] range. */
export default function QuantityStepper({ value, min = 1, max, onChange, disabled = false }: QuantityStepperProps) {
  const canDecrease = !disabled && value > min
  const canIncrease = !disabled && value < max
  const step = (delta: number) => (e: ITouchEvent) => {
    // Steppers sit inside tappable rows (cart line); a tap here must not open the product.
    e.stopPropagation()
    const next = Math.min(Math.max(value + delta, min), max)
    if (next !== value) onChange(next)
  }
  return (
    <View className={`quantity-stepper${disabled ? ' quantity-stepper--disabled' : ''}`}>
      <View
        className={`quantity-stepper__btn${canDecrease ? '' : ' is-disabled'}`}
        aria-label='减少数量'
        aria-disabled={!canDecrease}
        onClick={canDecrease ? step(-1) : (e) => e.stopPropagation()}
      >
        −
      </View>
      <Text className='quantity-stepper__value' data-testid='quantity'>
        {value}
      </Text>
      <View
        className={`quantity-stepper__btn${canIncrease ? '' : ' is-disabled'}`}
        aria-label='增加数量'
        aria-disabled={!canIncrease}
        onClick={canIncrease ? step(1) : (e) => e.stopPropagation()}
      >
        +
      </View>
    </View>
  )
}
