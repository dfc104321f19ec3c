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
import type * as Taro from '@tarojs/components'
import ImageImpl from '@tarojs/components-react/dist/components/image/index.js'
import ScrollViewImpl from '@tarojs/components-react/dist/components/scroll-view/index.js'
import { Swiper as SwiperImpl, SwiperItem as SwiperItemImpl } from '@tarojs/components-react/dist/components/swiper/index.js'
import TextImpl from '@tarojs/components-react/dist/components/text/index.js'
import ViewImpl from '@tarojs/components-react/dist/components/view/index.js'
import { Button as ButtonWithOpenType } from './taro-button'
import { Form as FormStandIn } from './taro-form'
import { Input as InputWithReview } from './taro-input'

export const View = ViewImpl as typeof Taro.View
export const Text = TextImpl as typeof Taro.Text
export const Image = ImageImpl as typeof Taro.Image
// Button adds WeChat's open-type events (see taro-button.tsx).
export const Button = ButtonWithOpenType as unknown as typeof Taro.Button
// Input adds WeChat's nickname review event (see taro-input.tsx).
export const Input = InputWithReview as unknown as typeof Taro.Input
export const ScrollView = ScrollViewImpl as typeof Taro.ScrollView
export const Swiper = SwiperImpl as typeof Taro.Swiper
export const SwiperItem = SwiperItemImpl as typeof Taro.SwiperItem
// Form is a stand-in (see taro-form.tsx).
export const Form = FormStandIn as unknown as typeof Taro.Form
