/**
 * A stand-in for Taro's Form under Jest: @tarojs/components-react has no Form, and Taro's H5 Form
 * is a Stencil web component that does not run in jsdom. Like WeChat's form, it hands the named
 * fields to onSubmit as event.detail.value; a formType="submit" Button or a submit event sends it.
 */
import type * as TaroComponents from '@tarojs/components'
import { useEffect, useRef, type ComponentProps } from 'react'

type FormProps = ComponentProps<typeof TaroComponents.Form>

export function Form({ onSubmit, className, children }: FormProps) {
  const element = useRef<HTMLFormElement | null>(null)

  const submit = () => {
    const form = element.current
    if (!form) return
    const value: Record<string, string> = {}
    form.querySelectorAll<HTMLInputElement>('input[name]').forEach((input) => {
      value[input.name] = input.value
    })
    onSubmit?.({ detail: { value } } as Parameters<NonNullable<FormProps['onSubmit']>>[0])
  }

  useEffect(() => {
    const form = element.current
    // Taro's Button with formType="submit" announces itself with this DOM event.
    const listener = () => submit()
    form?.addEventListener('tarobuttonsubmit', listener)
    return () => form?.removeEventListener('tarobuttonsubmit', listener)
  })

  return (
    <form
      ref={element}
      className={className}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      {children}
    </form>
  )
}
