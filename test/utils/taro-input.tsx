/**
 * Taro's real H5 Input with WeChat's nickname review added: on WeChat an <Input type="nickname">
 * fires nicknamereview ({pass, timeout}) after the platform checks what was typed. Here the input
 * listens for a `nicknamereview` DOM event that a test dispatches, and calls onNickNameReview.
 */
import type * as TaroComponents from '@tarojs/components'
import InputImpl from '@tarojs/components-react/dist/components/input/index.js'
import { forwardRef, useEffect, useImperativeHandle, useRef, type ComponentProps } from 'react'

type InputProps = ComponentProps<typeof TaroComponents.Input>

const Impl = InputImpl as unknown as React.ComponentType<Record<string, unknown> & { ref?: React.Ref<HTMLInputElement> }>

export const Input = forwardRef<HTMLInputElement | null, InputProps>(function Input(props, ref) {
  const element = useRef<HTMLInputElement | null>(null)
  useImperativeHandle<HTMLInputElement | null, HTMLInputElement | null>(ref, () => element.current, [])
  const { onNickNameReview, ...rest } = props

  useEffect(() => {
    const node = element.current
    if (!node || !onNickNameReview) return
    const listener = (event: Event) => onNickNameReview({ detail: (event as CustomEvent).detail } as Parameters<typeof onNickNameReview>[0])
    node.addEventListener('nicknamereview', listener)
    return () => node.removeEventListener('nicknamereview', listener)
  }, [onNickNameReview])

  return <Impl {...rest} ref={element} />
})
