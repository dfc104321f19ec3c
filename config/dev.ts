import type { UserConfigExport } from '@tarojs/cli'

const backend = `http://127.0.0.1:${process.env.PORT ?? '3030'}`

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      port: 10086,
      // The H5 preview calls /api on its own origin; the dev server forwards it to the backend.
      proxy: [{ context: ['/api'], target: backend, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
