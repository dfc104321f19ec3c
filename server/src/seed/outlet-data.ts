import type { Outlet } from '../contract'

/**
 * Demo outlets: 8 in 4 cities. Coordinates are GCJ-02 (what getFuzzyLocation returns in mainland
 * China), near the named streets; the shops themselves are fictional.
 */
export const SEED_OUTLETS: readonly Outlet[] = [
  { id: 'sh-jingan', name: '鲜选生活 静安寺店', city: '上海', address: '上海市静安区南京西路1788号', latitude: 31.2236, longitude: 121.4467, hours: '08:00-22:00' },
  { id: 'sh-lujiazui', name: '鲜选生活 陆家嘴店', city: '上海', address: '上海市浦东新区陆家嘴环路1000号', latitude: 31.2393, longitude: 121.5057, hours: '09:00-22:00' },
  { id: 'sh-xujiahui', name: '鲜选生活 徐家汇店', city: '上海', address: '上海市徐汇区虹桥路1号', latitude: 31.1951, longitude: 121.4375, hours: '08:30-21:30' },
  { id: 'hz-hubin', name: '鲜选生活 湖滨店', city: '杭州', address: '杭州市上城区延安路258号', latitude: 30.2593, longitude: 120.1662, hours: '09:00-22:00' },
  { id: 'hz-binjiang', name: '鲜选生活 滨江店', city: '杭州', address: '杭州市滨江区江南大道3850号', latitude: 30.2089, longitude: 120.2113, hours: '08:00-21:00' },
  { id: 'bj-guomao', name: '鲜选生活 国贸店', city: '北京', address: '北京市朝阳区建国门外大街1号', latitude: 39.9088, longitude: 116.4590, hours: '07:30-22:00' },
  { id: 'bj-zhongguancun', name: '鲜选生活 中关村店', city: '北京', address: '北京市海淀区中关村大街27号', latitude: 39.9836, longitude: 116.3164, hours: '08:00-22:00' },
  { id: 'sz-futian', name: '鲜选生活 福田店', city: '深圳', address: '深圳市福田区福华三路88号', latitude: 22.5367, longitude: 114.0579, hours: '09:00-23:00' },
]
