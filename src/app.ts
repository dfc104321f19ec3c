import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { privacy } from './app-root'
import { startHomeFirstPage } from './pages/index/early-first-page'
import './app.scss'

// H5: the home page's first products are requested while the app boots (a no-op on weapp).
startHomeFirstPage()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Registers the one app-wide onNeedPrivacyAuthorization listener. It shows nothing and calls
    // no privacy API: a visitor who never touches personal data never sees a prompt (WX-LAUNCH-1).
    privacy.install()
  })
  return children
}

export default App
