// @tarojs/components-react ships no per-file typings; test/utils/taro-components.ts re-types each
// export with the public @tarojs/components types, so `unknown` here is enough.
declare module '@tarojs/components-react/dist/components/*' {
  const component: unknown
  export default component
  export const Swiper: unknown
  export const SwiperItem: unknown
}
