import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import ConsentSheet from '@/services/privacy/components/consent-sheet'

/**
 * Every page renders inside PageShell. Mini programs have no app-level overlay, so the privacy
 * consent sheet is mounted here and appears on whichever page is active, tab pages included
 * (WX-PRIV-3). It stays invisible until a privacy request is queued.
 */
export default function PageShell({ children }: PropsWithChildren) {
  return (
    <View className='page-shell'>
      {children}
      <ConsentSheet />
    </View>
  )
}
