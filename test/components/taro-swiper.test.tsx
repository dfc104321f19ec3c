/**
 * Taro's Swiper under Jest (test/utils/taro-components.ts): the real component from
 * @tarojs/components-react, loaded when it first renders; refs reach its element.
 */
import { createRef } from 'react'
import { render, screen } from '@testing-library/react'
import { Swiper, SwiperItem, Text } from '@tarojs/components'

test('Swiper and SwiperItem render Taro\'s own swiper markup around the items', () => {
  // jsdom lays every slide out at 0 px, so the swiper library warns that loop mode lacks slides.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const ref = createRef<HTMLElement>()
  const { container } = render(
    <Swiper ref={ref} indicatorDots>
      <SwiperItem>
        <Text>第一张</Text>
      </SwiperItem>
      <SwiperItem>
        <Text>第二张</Text>
      </SwiperItem>
      <SwiperItem>
        <Text>第三张</Text>
      </SwiperItem>
    </Swiper>,
  )
  expect(screen.getByText('第一张')).toBeInTheDocument()
  expect(screen.getByText('第二张')).toBeInTheDocument()
  expect(screen.getByText('第三张')).toBeInTheDocument()
  const wrapper = container.querySelector('.swiper-container > .swiper-wrapper')
  expect(wrapper?.children).toHaveLength(3)
  expect(ref.current).toBe(container.firstElementChild)
  expect(ref.current?.className).toContain('swiper-container-wrapper')
})
