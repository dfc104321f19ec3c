/**
 * Page script, run before the page's own: records in `window.__firstVisibleAt` when `selector`
 * first matches a visible element (Playwright's meaning: a non-empty box, not visibility: hidden).
 * Source text, not a function: tsx/esbuild would wrap a function in helpers the page does not have.
 */
export function firstVisibleScript(selector: string): string {
  return `(() => {
  const check = () => {
    const element = document.querySelector(${JSON.stringify(selector)})
    const box = element && element.getBoundingClientRect()
    if (box && box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden') {
      window.__firstVisibleAt = performance.now()
      return
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`
}
