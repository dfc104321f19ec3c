/**
 * What `@tarojs/components` resolves to under Jest (see jest.config.js).
 *
 * These are Taro's own React DOM implementations from @tarojs/components-react — the components
 * Taro's H5 build uses when `h5.useHtmlComponents` is on — so tests click real Taro Buttons, type
 * into real Taro Inputs (onInput/onConfirm detail shapes) and render real Swipers. We import each
 * component file instead of the package index because the index also re-exports the Stencil web
 * components, whose lazy loader does not run in jsdom. The types are the public ones the app
 * compiles against, so a prop mismatch still fails type-checking.
 */
import { createElement, forwardRef, type ElementType } from 'react'
import type * as Taro from '@tarojs/components'
import ImageImpl from '@tarojs/components-react/dist/components/image/index.js'
import ScrollViewImpl from '@tarojs/components-react/dist/components/scroll-view/index.js'
import TextImpl from '@tarojs/components-react/dist/components/text/index.js'
import ViewImpl from '@tarojs/components-react/dist/components/view/index.js'
import { Button as ButtonWithOpenType } from './taro-button'
import { Form as FormStandIn } from './taro-form'
import { Input as InputWithReview } from './taro-input'

type SwiperModule = Record<'Swiper' | 'SwiperItem', ElementType>
let swiperModule: SwiperModule | undefined

/** The real component `name` from Taro's Swiper module, required when it first renders. */
function renderedFromSwiperModule(name: keyof SwiperModule) {
  const component = forwardRef<unknown, Record<string, unknown>>((props, ref) => {
    swiperModule ??= jest.requireActual<SwiperModule>('@tarojs/components-react/dist/components/swiper/index.js')
    return createElement(swiperModule[name], { ...props, ref })
  })
  component.displayName = name
  return component
}

export const View = ViewImpl as typeof Taro.View
export const Text = TextImpl as typeof Taro.Text
export const Image = ImageImpl as typeof Taro.Image
// Button adds WeChat's open-type events (see taro-button.tsx).
export const Button = ButtonWithOpenType as unknown as typeof Taro.Button
// Input adds WeChat's nickname review event (see taro-input.tsx).
export const Input = InputWithReview as unknown as typeof Taro.Input
export const ScrollView = ScrollViewImpl as typeof Taro.ScrollView
// Swiper and SwiperItem load on first render: their module loads the swiper package (its core and
// every module, 50-70 ms of CPU in each test file that imports these components), and no page renders
// a Swiper today (the product gallery is a ScrollView).
export const Swiper = renderedFromSwiperModule('Swiper') as unknown as typeof Taro.Swiper
export const SwiperItem = renderedFromSwiperModule('SwiperItem') as unknown as typeof Taro.SwiperItem
// Form is a stand-in (see taro-form.tsx).
export const Form = FormStandIn as unknown as typeof Taro.Form
