import { View } from '@tarojs/components'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useState, type PropsWithChildren } from 'react'
import LoginSheet from '@/components/login-sheet'
import ConsentSheet from '@/services/privacy/components/consent-sheet'
import { isTopPage, OnScreenContext } from './on-screen'

/**
 * Every page renders inside PageShell. Mini programs have no app-level overlay, so the privacy
 * consent sheet and the login sheet are mounted here and appear on whichever page is active, tab
 * pages included (WX-PRIV-3). Both stay invisible until a tap asks for them. A page that is not on
 * screen (H5 keeps visited pages alive in the DOM) renders neither, so a sheet never shows twice.
 */
export default function PageShell({ children }: PropsWithChildren) {
  const { path } = useRouter()
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  const isOnScreen = useCallback(() => shown && isTopPage(path), [shown, path])

  return (
    <OnScreenContext.Provider value={isOnScreen}>
      <View className='page-shell' data-testid='page-shell'>
        {children}
        <LoginSheet />
        <ConsentSheet />
      </View>
    </OnScreenContext.Provider>
  )
}
