import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { privacy } from './app-root'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Registers the one app-wide onNeedPrivacyAuthorization listener. It shows nothing and calls
    // no privacy API: a visitor who never touches personal data never sees a prompt (WX-LAUNCH-1).
    privacy.install()
  })
  return children
}

export default App
