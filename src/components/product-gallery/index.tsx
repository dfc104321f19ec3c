import { Image, ScrollView, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { catalog } from '@/app-root'
import './index.scss'

/**
 * Square product images in a horizontal strip that stops on each image, with an "n/total" counter;
 * falls back to the cover when there is no gallery. A ScrollView, not a Swiper: ScrollView's node
 * templates are in the main package anyway (the category tab uses it), while Swiper's added ≈ 7 KB to
 * the mini program's base.wxml (main package) and ≈ 150 KB (the swiper library) to the H5 product page.
 */
export default function ProductGallery({ images, cover }: { images: readonly string[]; cover: string }) {
  const list = images.length > 0 ? images : [cover]
  const [current, setCurrent] = useState(0)
  return (
    <View className='product-gallery' data-testid='product-gallery'>
      <ScrollView
        className='product-gallery__strip'
        scrollX
        enhanced
        pagingEnabled
        showScrollbar={false}
        onScroll={(event) => {
          const { scrollLeft, scrollWidth } = event.detail
          const page = Math.round((scrollLeft / Math.max(scrollWidth, 1)) * list.length)
          setCurrent(Math.min(Math.max(page, 0), list.length - 1))
        }}
      >
        {list.map((path, index) => (
          <View className='product-gallery__page' key={`${index}-${path}`}>
            <Image className='product-gallery__image' src={catalog.imageUrl(path)} mode='aspectFill' lazyLoad={index > 0} />
          </View>
        ))}
      </ScrollView>
      {list.length > 1 && <Text className='product-gallery__counter'>{`${current + 1}/${list.length}`}</Text>}
    </View>
  )
}
