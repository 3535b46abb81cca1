/**
 * The one element DeskDial adds to a page: `<deskdial-ui>`, hosting in its shadow root the button
 * that appears beside a marked number while the pointer rests on it, and a line telling what
 * became of the click. The page's styles cannot reach into it, and it is added on the first hover.
 */
import type { MarkedNumber, NumberMarks } from './number-marks'

const HIDE_AFTER_MS = 600
const MESSAGE_SHOWN_MS = 6_000

const STYLE = `
:host { all: initial; }
.bar { position: fixed; z-index: 2147483647; display: none; align-items: center; gap: 6px;
  font: 13px/1.3 system-ui, sans-serif; }
button { all: unset; cursor: pointer; background: #0b6bcb; color: #fff; border-radius: 10px;
  padding: 1px 8px; box-shadow: 0 1px 3px rgba(0,0,0,.35); }
button:focus-visible { outline: 2px solid #f5a623; outline-offset: 1px; }
.message { display: none; max-width: 320px; background: #222; color: #fff; border-radius: 6px; padding: 4px 8px; }
`

export interface DialButtonOptions {
  marks: NumberMarks
  /** Open shadow roots of the page, whose text the pointer may rest on. */
  shadowRoots: () => ShadowRoot[]
  /** Dials what a trusted click asked for; resolves with a sentence for the user. */
  dial: (shown: string) => Promise<string>
}

interface Parts {
  bar: HTMLElement
  button: HTMLButtonElement
  message: HTMLElement
}

export class DialButton {
  readonly #options: DialButtonOptions
  readonly #document: Document
  #parts: Parts | undefined
  #shown: MarkedNumber | undefined
  #hideTimer: ReturnType<typeof setTimeout> | undefined
  #frame = 0

  constructor(document: Document, options: DialButtonOptions) {
    this.#document = document
    this.#options = options
    document.addEventListener('pointermove', (event) => this.#pointerMoved(event), { capture: true, passive: true })
  }

  #pointerMoved(event: PointerEvent): void {
    if (this.#frame) return
    const { clientX, clientY } = event
    const overOwn = this.#parts !== undefined && event.composedPath().includes(this.#parts.bar)
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      if (overOwn) return this.#stay()
      const marked = this.#numberAt(clientX, clientY)
      if (marked) this.#show(marked)
      else this.#hideSoon()
    })
  }

  /** The marked number under the point, hit-tested by the caret position and checked against the number's boxes. */
  #numberAt(x: number, y: number): MarkedNumber | undefined {
    const caret = this.#document.caretPositionFromPoint(x, y, { shadowRoots: this.#options.shadowRoots() })
    if (!caret) return undefined
    const marked = this.#options.marks.at(caret.offsetNode, caret.offset)
    if (!marked) return undefined
    const inside = [...marked.range.getClientRects()].some(
      (box) => x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1
    )
    return inside ? marked : undefined
  }

  #show(marked: MarkedNumber): void {
    this.#stay()
    const parts = this.#ensureParts()
    if (this.#shown !== marked) {
      this.#shown = marked
      parts.button.setAttribute('aria-label', `Call ${marked.found.shown} with DeskDial`)
      parts.message.style.display = 'none'
    }
    const box = marked.range.getBoundingClientRect()
    parts.bar.style.left = `${Math.round(box.right + 4)}px`
    parts.bar.style.top = `${Math.round(box.top + box.height / 2 - 10)}px`
    parts.bar.style.display = 'flex'
  }

  #stay(): void {
    clearTimeout(this.#hideTimer)
    this.#hideTimer = undefined
  }

  #hideSoon(): void {
    if (this.#hideTimer !== undefined || !this.#parts) return
    this.#hideTimer = setTimeout(() => {
      this.#hideTimer = undefined
      if (this.#parts) this.#parts.bar.style.display = 'none'
      this.#shown = undefined
    }, HIDE_AFTER_MS)
  }

  #ensureParts(): Parts {
    if (this.#parts) return this.#parts
    const host = this.#document.createElement('deskdial-ui')
    const root = host.attachShadow({ mode: 'open' })
    const style = this.#document.createElement('style')
    style.textContent = STYLE
    const bar = this.#document.createElement('div')
    bar.className = 'bar'
    const button = this.#document.createElement('button')
    button.type = 'button'
    button.textContent = '☎ Call'
    const message = this.#document.createElement('div')
    message.className = 'message'
    message.setAttribute('role', 'status')
    bar.append(button, message)
    root.append(style, bar)
    button.addEventListener('click', (event) => this.#clicked(event))
    this.#document.documentElement.append(host)
    this.#parts = { bar, button, message }
    return this.#parts
  }

  #clicked(event: MouseEvent): void {
    event.preventDefault()
    event.stopPropagation()
    // A page script's click() is not the user's: it never dials.
    if (!event.isTrusted || !this.#shown || !this.#parts) return
    const { message } = this.#parts
    message.textContent = 'Calling…'
    message.style.display = 'block'
    void this.#options.dial(this.#shown.found.shown).then((sentence) => {
      message.textContent = sentence
      this.#stay()
      this.#hideTimer = setTimeout(() => {
        this.#hideTimer = undefined
        message.style.display = 'none'
      }, MESSAGE_SHOWN_MS)
    })
  }
}
