/**
 * The in-page timer behind the e2e "until visible" figure (tools/perf/h5-load.ts): it records the
 * first animation frame in which the selector matches a visible element, and nothing before that.
 * jsdom has no layout, so boxes are stubbed; frames are run by hand.
 */
import { firstVisibleScript } from '../../tools/perf/first-visible'

type Recorded = Window & { __firstVisibleAt?: number }

describe('firstVisibleScript', () => {
  let frames: FrameRequestCallback[] = []
  let now = 0

  beforeEach(() => {
    frames = []
    now = 0
    jest.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback))
    jest.spyOn(performance, 'now').mockImplementation(() => now)
    delete (window as Recorded).__firstVisibleAt
  })

  afterEach(() => {
    jest.restoreAllMocks()
    document.body.innerHTML = ''
  })

  function nextFrame(at: number): void {
    now = at
    const pending = frames
    frames = []
    for (const frame of pending) frame(at)
  }

  function addCard(width: number, visibility = 'visible'): HTMLElement {
    const card = document.createElement('div')
    card.className = 'product-card'
    card.style.visibility = visibility
    card.getBoundingClientRect = () => ({ width, height: width, x: 0, y: 0, top: 0, left: 0, right: width, bottom: width, toJSON: () => ({}) })
    document.body.appendChild(card)
    return card
  }

  it('records the frame in which the element is first visible, not earlier and not later', () => {
    // eslint-disable-next-line no-new-func
    new Function(firstVisibleScript('.product-card'))()
    nextFrame(16)
    expect((window as Recorded).__firstVisibleAt).toBeUndefined()

    const card = addCard(0) // in the DOM but without a box yet
    nextFrame(32)
    expect((window as Recorded).__firstVisibleAt).toBeUndefined()

    card.remove()
    addCard(100, 'hidden')
    nextFrame(48)
    expect((window as Recorded).__firstVisibleAt).toBeUndefined()

    document.body.innerHTML = ''
    addCard(100)
    nextFrame(64)
    expect((window as Recorded).__firstVisibleAt).toBe(64)
    // It stops watching once recorded.
    expect(frames).toHaveLength(0)
  })
})
