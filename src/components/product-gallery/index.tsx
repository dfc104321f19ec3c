import { Image, Swiper, SwiperItem, View } from '@tarojs/components'
import { catalog } from '@/app-root'
import './index.scss'

/** Square image swiper for the product page; falls back to the cover when there is no gallery. */
export default function ProductGallery({ images, cover }: { images: readonly string[]; cover: string }) {
  const list = images.length > 0 ? images : [cover]
  return (
    <View className='product-gallery'>
      <Swiper className='product-gallery__swiper' indicatorDots={list.length > 1} indicatorActiveColor='#ff5a1f' circular={false}>
        {list.map((path, index) => (
          <SwiperItem key={`${index}-${path}`}>
            <Image className='product-gallery__image' src={catalog.imageUrl(path)} mode='aspectFill' />
          </SwiperItem>
        ))}
      </Swiper>
    </View>
  )
}
