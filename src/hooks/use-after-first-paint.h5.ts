import { useEffect, useState } from 'react'

/**
 * H5: false in a component's first render, true once the browser has painted the frame after it
 * (a task queued from the next animation frame runs after that frame's paint). Content below the
 * fold renders then, so the first screen's layout and paint do not wait for it.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [])
  return painted
}
