import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

/**
 * Every page renders inside PageShell. Mini programs have no app-level overlay, so anything that
 * must be able to appear on whichever page is active (the privacy consent sheet) lives here.
 */
export default function PageShell({ children }: PropsWithChildren) {
  return <View className='page-shell'>{children}</View>
}
