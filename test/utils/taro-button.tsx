/**
 * Taro's real H5 Button with WeChat's open-type behaviour added. On H5, Taro's Button ignores
 * openType; on WeChat, a tap on an open-type button makes the platform fire an event
 * (agreeprivacyauthorization, getphonenumber, chooseavatar…). Here the button keeps its
 * open-type as `data-open-type`, and `wechatTap()` does what WeChat does: the tap, then the event.
 */
import type * as TaroComponents from '@tarojs/components'
import ButtonImpl from '@tarojs/components-react/dist/components/button/index.js'
import { fireEvent } from '@testing-library/react'
import { forwardRef, useEffect, useImperativeHandle, useRef, type ComponentProps } from 'react'

type ButtonProps = ComponentProps<typeof TaroComponents.Button>

const OPEN_TYPE_EVENT = 'wechat-open-type'

/** The handler prop WeChat calls for each open-type. */
const HANDLER_OF: Record<string, keyof ButtonProps> = {
  agreePrivacyAuthorization: 'onAgreePrivacyAuthorization',
  getPhoneNumber: 'onGetPhoneNumber',
  getRealtimePhoneNumber: 'onGetRealTimePhoneNumber',
  chooseAvatar: 'onChooseAvatar',
  openSetting: 'onOpenSetting',
}

const Impl = ButtonImpl as unknown as React.ComponentType<Record<string, unknown> & { ref?: React.Ref<HTMLElement> }>

export const Button = forwardRef<HTMLElement | null, ButtonProps>(function Button(props, ref) {
  const element = useRef<HTMLElement | null>(null)
  useImperativeHandle<HTMLElement | null, HTMLElement | null>(ref, () => element.current, [])
  const { openType, ...rest } = props
  const handlerProps = Object.values(HANDLER_OF)
  const domProps = Object.fromEntries(Object.entries(rest).filter(([key]) => !handlerProps.includes(key as keyof ButtonProps)))

  useEffect(() => {
    const node = element.current
    if (!node || !openType) return
    const listener = (event: Event) => {
      const { type, detail } = (event as CustomEvent<{ type: string; detail: unknown }>).detail
      // Combined open-types ("getPhoneNumber|agreePrivacyAuthorization") fire each event named.
      if (!openType.split('|').includes(type)) return
      const handlerName = HANDLER_OF[type]
      const handlers = props as Record<string, unknown>
      const handler = handlerName ? (handlers[handlerName] as ((e: { detail: unknown }) => void) | undefined) : undefined
      handler?.({ detail })
    }
    node.addEventListener(OPEN_TYPE_EVENT, listener)
    return () => node.removeEventListener(OPEN_TYPE_EVENT, listener)
  }, [openType, props])

  return <Impl {...domProps} data-open-type={openType} ref={element} />
})

/** A user's tap on a WeChat open-type button: the click, then the event WeChat fires for it. */
export function wechatTap(button: Element, type: string, detail: unknown = {}): void {
  fireEvent.click(button)
  button.dispatchEvent(new CustomEvent(OPEN_TYPE_EVENT, { detail: { type, detail } }))
}
