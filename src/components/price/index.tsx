import { Text, View } from '@tarojs/components'
import { formatFen } from '@/utils/money'
import './index.scss'

export interface PriceProps {
  fen: number
  /** Struck-through list price; hidden when null or not above the price. */
  originalFen?: number | null
  size?: 'sm' | 'md' | 'lg'
  className?: string
}

export default function Price({ fen, originalFen, size = 'md', className }: PriceProps) {
  const [yuan, cents] = formatFen(fen).split('.')
  const showOriginal = originalFen !== undefined && originalFen !== null && originalFen > fen
  return (
    <View className={`price price--${size}${className ? ` ${className}` : ''}`}>
      <Text className='price__now'>
        <Text className='price__symbol'>¥</Text>
        <Text className='price__yuan'>{yuan}</Text>
        <Text className='price__cents'>.{cents}</Text>
      </Text>
      {showOriginal ? <Text className='price__original'>¥{formatFen(originalFen)}</Text> : null}
    </View>
  )
}
