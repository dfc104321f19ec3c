import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import LoginSheet from '@/components/login-sheet'
import ConsentSheet from '@/services/privacy/components/consent-sheet'

/**
 * Every page renders inside PageShell. Mini programs have no app-level overlay, so the privacy
 * consent sheet and the login sheet are mounted here and appear on whichever page is active, tab
 * pages included (WX-PRIV-3). Both stay invisible until a tap asks for them.
 */
export default function PageShell({ children }: PropsWithChildren) {
  return (
    <View className='page-shell'>
      {children}
      <LoginSheet />
      <ConsentSheet />
    </View>
  )
}
