import { Button, Text, View } from '@tarojs/components'
import './index.scss'

export interface StateViewProps {
  kind: 'loading' | 'empty' | 'error'
  /** Main line; defaults per kind. For errors pass ApiError.message. */
  title?: string
  description?: string
  /** Button label; errors default to 重试. No button without onAction. */
  actionText?: string
  onAction?: () => void
  /** Smaller padding for use inside a section rather than as the whole page. */
  compact?: boolean
}

const DEFAULT_TITLE: Record<StateViewProps['kind'], string> = {
  loading: '加载中…',
  empty: '这里还什么都没有',
  error: '加载失败',
}

const ICON: Record<StateViewProps['kind'], string> = { loading: '', empty: '∅', error: '!' }

/** The one loading / empty / error block every page uses, so no page can end up blank. */
export default function StateView({ kind, title, description, actionText, onAction, compact }: StateViewProps) {
  const label = actionText ?? (kind === 'error' ? '重试' : undefined)
  return (
    <View className={`state-view state-view--${kind}${compact ? ' state-view--compact' : ''}`} data-state={kind}>
      {kind === 'loading' ? <View className='state-view__spinner' /> : <View className='state-view__icon'>{ICON[kind]}</View>}
      <Text className='state-view__title'>{title ?? DEFAULT_TITLE[kind]}</Text>
      {description ? <Text className='state-view__desc'>{description}</Text> : null}
      {label && onAction ? (
        <Button className='state-view__action' onClick={onAction}>
          {label}
        </Button>
      ) : null}
    </View>
  )
}
