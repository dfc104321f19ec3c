/**
 * Writes the files (JS and CSS) of one page's lazily loaded chunks into index.html, in place of a
 * placeholder, so index.html can preload them alongside the entry scripts. Taro's H5 router loads
 * each page with import() once the app's JS has run, so without this the home page's own files are
 * a second round of requests after app.js. The chunk group is found by the import() request that
 * ends with the page's path; a build where none or several match fails with a message.
 */
const path = require('node:path')

const NAME = 'PageFilesPlugin'

/** The JS and CSS files of the chunk group that `import()`s `page` (e.g. 'pages/index/index'). */
function pageFiles(compilation, page) {
  const suffix = path.join(page)
  const groups = compilation.chunkGroups.filter((group) =>
    group.origins.some((origin) => typeof origin.request === 'string' && path.normalize(origin.request.replace(/^.*!/, '')).endsWith(suffix)),
  )
  if (groups.length !== 1) {
    const requests = compilation.chunkGroups.flatMap((group) => group.origins.map((origin) => origin.request)).filter(Boolean)
    throw new Error(`${NAME}: expected one import() of ${page}, found ${groups.length} among: ${requests.join(', ')}`)
  }
  // Files the entry already loads (shared split chunks) are not the page's to preload.
  const entryFiles = new Set([...compilation.entrypoints.values()].flatMap((entry) => entry.getFiles()))
  return groups[0].getFiles().filter((file) => /\.(js|css)$/.test(file) && !entryFiles.has(file))
}

class PageFilesPlugin {
  /** @param {{ page: string, placeholder: string, publicPath: string }} options */
  constructor(options) {
    this.options = options
  }

  apply(compiler) {
    // The html-webpack-plugin instance Taro's runner uses (its hooks are per copy of the package).
    const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] }))
    const { page, placeholder, publicPath } = this.options
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap(NAME, (data) => {
        if (!data.html.includes(placeholder)) throw new Error(`${NAME}: ${placeholder} is not in ${data.outputName}`)
        const files = pageFiles(compilation, page).map((file) => publicPath + file)
        return { ...data, html: data.html.split(placeholder).join(JSON.stringify(files)) }
      })
    })
  }
}

module.exports = { PageFilesPlugin, pageFiles }
