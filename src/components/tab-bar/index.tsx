/**
 * weapp: WeChat draws the tab bar natively from app.config's tabBar, so pages render nothing here.
 * H5 has its own (./index.h5.tsx), which Taro's build picks for that platform.
 */
export default function TabBar(_props: { path: string }) {
  return null
}
