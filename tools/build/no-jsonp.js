/**
 * Stands in for jsonp-retry, which Taro's H5 request API imports for `Taro.request({ jsonp })`:
 * the storefront calls only its own same-origin JSON API, so JSONP is refused with a clear error
 * instead of shipping a JSONP client in the first load.
 */
module.exports = function jsonpUnsupported(url) {
  return Promise.reject(new Error(`JSONP requests are not supported by this app (${String(url)})`))
}
