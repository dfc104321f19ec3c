import { View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useState, type PropsWithChildren } from 'react'
import LoginSheet from '@/components/login-sheet'
import ConsentSheet from '@/services/privacy/components/consent-sheet'

/**
 * Every page renders inside PageShell. Mini programs have no app-level overlay, so the privacy
 * consent sheet and the login sheet are mounted here and appear on whichever page is active, tab
 * pages included (WX-PRIV-3). Both stay invisible until a tap asks for them. Pages that are not
 * on screen (H5 keeps visited tab pages alive) render neither, so a sheet never appears twice.
 */
export default function PageShell({ children }: PropsWithChildren) {
  const [active, setActive] = useState(true)
  useDidShow(() => setActive(true))
  useDidHide(() => setActive(false))

  return (
    <View className='page-shell'>
      {children}
      {active ? (
        <>
          <LoginSheet />
          <ConsentSheet />
        </>
      ) : null}
    </View>
  )
}
