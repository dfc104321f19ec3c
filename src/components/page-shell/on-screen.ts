import Taro from '@tarojs/taro'
import { createContext, useContext } from 'react'

const normalize = (route: string) => route.replace(/^\//, '').replace(/\?.*$/, '')

/** True when `path` is the page on top of the stack (the one the user sees). */
export function isTopPage(path: string): boolean {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1]
  // Before the router has a stack (first render), the page being rendered is the one on screen.
  return !top?.route || normalize(top.route) === normalize(path)
}

/** Asked at render time by overlays: is the page this component lives in the one on screen? */
export const OnScreenContext = createContext<() => boolean>(() => true)

export function useOnScreen(): () => boolean {
  return useContext(OnScreenContext)
}
