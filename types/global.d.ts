/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn'
    /** WeChat appid for this build; see README "Setting your appid". */
    TARO_APP_ID: string
    /** Base URL of the reference backend as seen by the client (set at build time). */
    TARO_APP_API_BASE: string
  }
}
